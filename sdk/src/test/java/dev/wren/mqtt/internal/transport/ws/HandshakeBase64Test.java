package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeBase64Test {
  private static String encode(String ascii) {
    return dev.wren.mqtt.internal.transport.Base64.encode(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  @Test void rfc4648TestVectors() {
    // RFC 4648 section 10.
    assertEquals("", encode(""));
    assertEquals("Zg==", encode("f"));
    assertEquals("Zm8=", encode("fo"));
    assertEquals("Zm9v", encode("foo"));
    assertEquals("Zm9vYg==", encode("foob"));
    assertEquals("Zm9vYmE=", encode("fooba"));
    assertEquals("Zm9vYmFy", encode("foobar"));
  }

  @Test void everyByteValueAndLengthMatchesTheJdkEncoder() {
    Random random = new Random(42);
    for (int length = 0; length < 70; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertEquals(Base64.getEncoder().encodeToString(data), dev.wren.mqtt.internal.transport.Base64.encode(data), "length " + length);
    }
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) all[i] = (byte) i;
    assertEquals(Base64.getEncoder().encodeToString(all), dev.wren.mqtt.internal.transport.Base64.encode(all));
  }
}
