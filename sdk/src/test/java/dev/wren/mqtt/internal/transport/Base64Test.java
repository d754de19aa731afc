package dev.wren.mqtt.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64Test {
  @Test void rfc4648Vectors() {
    String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (String[] v : vectors) {
      assertEquals(v[1], Base64.encode(v[0].getBytes(StandardCharsets.US_ASCII)));
      assertEquals(v[0], new String(Base64.decode(v[1]), StandardCharsets.US_ASCII));
    }
  }

  @Test void agreesWithTheJdkAndSkipsLineBreaks() {
    Random random = new Random(42);
    for (int n = 0; n < 300; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      String jdk = java.util.Base64.getMimeEncoder().encodeToString(data);
      assertArrayEquals(data, Base64.decode(jdk));
      assertEquals(java.util.Base64.getEncoder().encodeToString(data), Base64.encode(data));
    }
  }

  @Test void refusesWhatIsNotBase64() {
    assertEquals("not base64: '!' at offset 2",
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("Zm!v")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Base64.decode("Zm9vY"));
    assertThrows(IllegalArgumentException.class, () -> Base64.decode("Zg==Zg=="));
  }
}
