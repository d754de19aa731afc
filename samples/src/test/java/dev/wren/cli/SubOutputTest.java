package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubOutputTest {
  private static final Message M = Message.of("a/b", "21.5 °C", Qos.AT_LEAST_ONCE, false);

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test void payloadAndNewline() {
    assertEquals("21.5 °C\n", text(new SubOutput(false, true).format(M)));
  }

  @Test void verbosePrefixesTopic() {
    assertEquals("a/b 21.5 °C\n", text(new SubOutput(true, true).format(M)));
  }

  @Test void noNewline() {
    assertEquals("21.5 °C", text(new SubOutput(false, false).format(M)));
    assertEquals("a/b 21.5 °C", text(new SubOutput(true, false).format(M)));
  }

  @Test void emptyPayloadAsMosquittoSub() {
    Message empty = Message.builder().topic("t").build();
    assertEquals("", text(new SubOutput(false, true).format(empty)));
    assertEquals("t (null)\n", text(new SubOutput(true, true).format(empty)));
    assertEquals("", text(new SubOutput(true, false).format(empty)));
  }

  @Test void binaryPayloadPassesThrough() {
    byte[] payload = {0, (byte) 0xff, (byte) 0xc3, 10};
    Message m = Message.builder().topic("t").payload(payload).build();
    assertArrayEquals(new byte[] {0, (byte) 0xff, (byte) 0xc3, 10},
        new SubOutput(false, false).format(m));
  }
}
