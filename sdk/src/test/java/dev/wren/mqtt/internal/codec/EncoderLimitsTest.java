package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the encoder refuses, and that it names the value it refuses. */
class EncoderLimitsTest {
  private static void rejects(Executable encode, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, encode);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
  }

  @Test void remainingLengthOutOfRange() {
    rejects(() -> Mqtt311Encoder.writeRemainingLength(268_435_456, new byte[5], 0),
        "0..268435455: 268435456");
    rejects(() -> Mqtt311Encoder.remainingLengthSize(-1), ": -1");
  }

  @Test void topicLongerThan65535Bytes() {
    Publish publish = new Publish("a".repeat(65_536), new byte[0], 0, false, false, 0);
    rejects(() -> Mqtt311Encoder.encode(publish), "PUBLISH topic name", "65536 bytes");
    rejects(() -> Mqtt311Encoder.encodedSize(publish), "65536 bytes");
  }

  @Test void longestTopicEncodes() {
    Publish publish = new Publish("a".repeat(65_535), new byte[0], 0, false, false, 0);
    assertEquals(1 + 3 + 2 + 65_535, Mqtt311Encoder.encode(publish).length);
  }

  @Test void encodingIntoAGivenArrayWritesTheSameBytesAtItsOffsetOnly() {
    Publish publish = new Publish("a/b", new byte[] {1, 2, 3}, 1, false, false, 9);
    byte[] alone = Mqtt311Encoder.encode(publish);
    byte[] dst = new byte[3 + alone.length];
    Arrays.fill(dst, (byte) 0x55);
    assertEquals(dst.length, Mqtt311Encoder.encode(publish, dst, 3));
    assertEquals(0x55, dst[2]);
    assertTrue(Arrays.equals(alone, Arrays.copyOfRange(dst, 3, dst.length)));
    rejects(() -> Mqtt311Encoder.encode(publish, dst, 4), "does not fit at offset 4");
  }

  @Test void identifierOnlyPacketsEncodeWithoutTheirObjects() {
    byte[] dst = new byte[4];
    for (int type : new int[] {PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
        PacketType.PUBCOMP, PacketType.UNSUBACK}) {
      assertEquals(4, Mqtt311Encoder.encodeIdOnly(type, 0x1234, dst, 0));
      assertTrue(Arrays.equals(Mqtt311Encoder.encode(IdOnlyPacket.of(type, 0x1234)), dst),
          PacketType.name(type));
    }
    rejects(() -> Mqtt311Encoder.encodeIdOnly(PacketType.CONNACK, 1, dst, 0), "type 2");
    rejects(() -> Mqtt311Encoder.encodeIdOnly(PacketType.PUBACK, 0, dst, 0), "PUBACK", ": 0");
    rejects(() -> Mqtt311Encoder.encodeIdOnly(PacketType.PUBACK, 1, dst, 1), "offset 1");
  }

  @Test void unencodableStrings() {
    rejects(() -> Mqtt311Encoder.encode(new Connect("a\u0000", true, 0, null, null, null)),
        "CONNECT client identifier", "U+0000");
    rejects(() -> Mqtt311Encoder.encode(
        new Subscribe(1, Arrays.asList(new Subscribe.Entry("\uD800", 0)))),
        "SUBSCRIBE topic filter", "U+D800");
    rejects(() -> Mqtt311Encoder.encode(new Unsubscribe(1, Arrays.asList("x".repeat(70_000)))),
        "UNSUBSCRIBE topic filter", "70000 bytes");
  }

  @Test void remainingLengthOverTheMaximum() {
    // 4096 filters of 65,535 bytes: 2 + 4096 * (2 + 65,535 + 1) bytes. Shared strings keep the
    // test small, and the size check fails before the packet array is allocated.
    Subscribe.Entry entry = new Subscribe.Entry("a".repeat(65_535), 0);
    Subscribe subscribe = new Subscribe(1, Collections.nCopies(4096, entry));
    rejects(() -> Mqtt311Encoder.encode(subscribe),
        "SUBSCRIBE remaining length must be at most 268435455: 268443650");
  }
}
