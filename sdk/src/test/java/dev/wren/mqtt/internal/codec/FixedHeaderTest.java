package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedHeaderTest {
  @Test void returnsNullUntilTheWholeHeaderHasArrived() throws Exception {
    byte[] buf = Hex.decode("3D 80 80 80 01");
    for (int available = 0; available < buf.length; available++) {
      assertNull(FixedHeader.parse(buf, 0, available, Integer.MAX_VALUE), "available " + available);
    }
    FixedHeader header = FixedHeader.parse(buf, 0, buf.length, Integer.MAX_VALUE);
    assertNotNull(header);
    assertEquals(0x3D, header.typeAndFlags());
    assertEquals(PacketType.PUBLISH, header.type());
    assertEquals(0xD, header.flags());
    assertEquals(2_097_152, header.remainingLength());
    assertEquals(5, header.headerLength());
    assertEquals(2_097_157, header.packetSize());
  }

  @Test void parsesAtAnOffsetIgnoringBytesBeyondTheHeader() throws Exception {
    byte[] buf = Hex.decode("FF FF 40 02 00 01 99");
    FixedHeader header = FixedHeader.parse(buf, 2, 5, 1024);
    assertEquals(PacketType.PUBACK, header.type());
    assertEquals(0, header.flags());
    assertEquals(2, header.remainingLength());
    assertEquals(2, header.headerLength());
    assertEquals(4, header.packetSize());
    assertNull(FixedHeader.parse(buf, 2, 1, 1024));
  }

  @Test void singleByteHeaderWithZeroLength() throws Exception {
    FixedHeader header = FixedHeader.parse(Hex.decode("C0 00"), 0, 2, 2);
    assertEquals(PacketType.PINGREQ, header.type());
    assertEquals(0, header.remainingLength());
    assertEquals(2, header.packetSize());
  }

  @Test void refusesAnOversizedPacketFromItsHeaderAlone() {
    // A 4-byte length claiming 268 MB; only the 5 header bytes exist, nothing else is allocated.
    byte[] header = Hex.decode("30 FF FF FF 7F");
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class,
        () -> FixedHeader.parse(header, 0, header.length, 1_048_576));
    assertEquals(268_435_460, e.size());
    assertEquals(1_048_576, e.maxSize());
    assertEquals("packet of 268435460 bytes exceeds the maximum packet size of 1048576 bytes"
        + " (raise maxInboundPacketSize to accept it)", e.getMessage());
  }

  @Test void packetSizeLimitIsInclusive() throws Exception {
    byte[] buf = Hex.decode("30 7F");
    assertEquals(129, FixedHeader.parse(buf, 0, 2, 129).packetSize());
    PacketTooLargeException e = assertThrows(PacketTooLargeException.class,
        () -> FixedHeader.parse(buf, 0, 2, 128));
    assertEquals(129, e.size());
  }

  @Test void fifthLengthByteIsMalformed() {
    byte[] buf = Hex.decode("30 80 80 80 80 01");
    MalformedRemainingLengthException e = assertThrows(MalformedRemainingLengthException.class,
        () -> FixedHeader.parse(buf, 0, buf.length, Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("80 80 80 80"), e.getMessage());
  }

  @Test void fifthLengthByteIsMalformedEvenBeforeItArrives() {
    byte[] buf = Hex.decode("30 FF FF FF FF");
    assertThrows(MalformedRemainingLengthException.class,
        () -> FixedHeader.parse(buf, 0, buf.length, Integer.MAX_VALUE));
  }

  @Test void reservedTypesAreRejectedFromTheFirstByte() {
    MalformedPacketException zero = assertThrows(MalformedPacketException.class,
        () -> FixedHeader.parse(Hex.decode("00"), 0, 1, 1024));
    assertTrue(zero.getMessage().endsWith(": 0"), zero.getMessage());
    MalformedPacketException fifteen = assertThrows(MalformedPacketException.class,
        () -> FixedHeader.parse(Hex.decode("F3"), 0, 1, 1024));
    assertTrue(fifteen.getMessage().endsWith(": 15"), fifteen.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "CONNACK, 20 7F, 2: 127",
      "PUBACK, 40 03, 2: 3",
      "PUBREC, 50 01, 2: 1",
      "PUBREL, 62 00, 2: 0",
      "PUBCOMP, 70 80 01, 2: 128",
      "UNSUBACK, B0 04, 2: 4",
      "PINGREQ, C0 01, 0: 1",
      "PINGRESP, D0 7F, 0: 127",
      "DISCONNECT, E0 02, 0: 2",
  })
  void aLengthTheSpecFixesIsCheckedFromTheHeaderAlone(String packet, String hex, String rule) {
    byte[] header = Hex.decode(hex);
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> FixedHeader.parse(header, 0, header.length, Integer.MAX_VALUE));
    assertEquals(packet + " remaining length must be " + rule, e.getMessage());
  }

  @Test void theFixedLengthIsNamedBeforeTheSizeLimit() {
    // Raising the size limit would not make a 268 MB CONNACK right.
    byte[] header = Hex.decode("20 FF FF FF 7F");
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> FixedHeader.parse(header, 0, header.length, 1024));
    assertEquals(MalformedPacketException.class, e.getClass());
    assertEquals("CONNACK remaining length must be 2: 268435455", e.getMessage());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "41, PUBACK fixed header flags must be 0b0000: 0b0001",
      "48, PUBACK fixed header flags must be 0b0000: 0b1000",
      "60, PUBREL fixed header flags must be 0b0010: 0b0000",
      "36, 'PUBLISH QoS must be 0, 1 or 2: 3'",
      "38, PUBLISH DUP flag must be 0 at QoS 0: flags 0b1000",
  })
  void badFlagsAreRefusedFromTheFirstByte(String hex, String message) {
    MalformedPacketException e = assertThrows(MalformedPacketException.class,
        () -> FixedHeader.parse(Hex.decode(hex), 0, 1, 1024));
    assertEquals(message, e.getMessage());
  }

  @Test void variableLengthPacketsAreNotHeldToAFixedOne() throws Exception {
    for (String hex : new String[] {"30 7F", "90 7F", "10 7F", "82 7F", "A2 7F"}) {
      assertNotNull(FixedHeader.parse(Hex.decode(hex), 0, 2, 1024), hex);
    }
  }

  @Test void toStringNamesTheType() throws Exception {
    String text = FixedHeader.parse(Hex.decode("62 02"), 0, 2, 1024).toString();
    assertTrue(text.contains("PUBREL") && text.contains("0b0010"), text);
  }
}
