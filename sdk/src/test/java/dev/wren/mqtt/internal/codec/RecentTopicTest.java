package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Decoding a PUBLISH given the topic of the one before: the same String when the bytes match. */
class RecentTopicTest {
  private static Publish decode(String topic, String recent) throws MalformedPacketException {
    byte[] whole = Mqtt311Encoder.encode(new Publish(topic, new byte[] {7}, 0, false, false, 0));
    FixedHeader header = FixedHeader.parse(whole, 0, whole.length, 1024);
    return (Publish) Mqtt311Decoder.decode(header.typeAndFlags(), whole, header.headerLength(),
        header.remainingLength(), recent);
  }

  @Test void theSameTopicComesBackAsTheGivenString() throws Exception {
    String recent = new String("sensors/t1");
    assertSame(recent, decode("sensors/t1", recent).topic());
  }

  @Test void anotherTopicIsDecodedAfresh() throws Exception {
    Publish other = decode("sensors/t2", "sensors/t1");
    assertEquals("sensors/t2", other.topic());
    assertEquals("sensors/t", decode("sensors/t", "sensors/t1").topic());
    assertEquals("sensors/t10", decode("sensors/t10", "sensors/t1").topic());
  }

  @Test void nonAsciiTopicsAreDecodedEachTime() throws Exception {
    String recent = new String("caf\u00e9");
    Publish publish = decode("caf\u00e9", recent);
    assertEquals(recent, publish.topic());
    assertNotSame(recent, publish.topic());
  }

  @Test void aMatchingTopicIsStillCheckedAsAName() {
    // A wildcard in a broker's PUBLISH is refused even when the caller's string spells it.
    byte[] body = {0, 3, 'a', '/', '#'};
    assertThrows(InvalidTopicException.class,
        () -> Mqtt311Decoder.decode(0x30, body, 0, body.length, "a/#"));
  }
}
