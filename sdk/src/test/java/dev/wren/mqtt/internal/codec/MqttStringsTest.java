package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttStringsTest {
  private static final String MIXED = "aé€\uD83D\uDE00"; // 1 + 2 + 3 + 4 UTF-8 bytes.

  private static void assertMessage(Exception e, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
    }
  }

  @Test void checkAcceptsValidStrings() {
    assertDoesNotThrow(() -> MqttStrings.check(""));
    assertDoesNotThrow(() -> MqttStrings.check(MIXED));
    assertDoesNotThrow(() -> MqttStrings.check("a".repeat(65_535)));
  }

  @Test void checkRejectsNullCharacter() {
    MalformedStringException e =
        assertThrows(MalformedStringException.class, () -> MqttStrings.check("a\u0000b"));
    assertMessage(e, "U+0000", "index 1");
  }

  @Test void checkRejectsUnpairedSurrogates() {
    MalformedStringException high =
        assertThrows(MalformedStringException.class, () -> MqttStrings.check("a\uD800b"));
    assertMessage(high, "unpaired surrogate", "index 1", "U+D800");
    MalformedStringException low =
        assertThrows(MalformedStringException.class, () -> MqttStrings.check("ab\uDC00"));
    assertMessage(low, "unpaired surrogate", "index 2", "U+DC00");
    MalformedStringException trailingHigh =
        assertThrows(MalformedStringException.class, () -> MqttStrings.check("\uD83D"));
    assertMessage(trailingHigh, "index 0", "U+D83D");
  }

  @Test void checkRejectsMoreThan65535Bytes() {
    MalformedStringException ascii = assertThrows(MalformedStringException.class,
        () -> MqttStrings.check("a".repeat(65_536)));
    assertMessage(ascii, "65535", "65536 bytes");
    // 32,768 chars but 65,536 bytes: the limit is on encoded bytes, not chars.
    MalformedStringException twoByte = assertThrows(MalformedStringException.class,
        () -> MqttStrings.check("é".repeat(32_768)));
    assertMessage(twoByte, "65536 bytes");
  }

  @Test void utf8Length() {
    assertEquals(0, MqttStrings.utf8Length(""));
    assertEquals(10, MqttStrings.utf8Length(MIXED));
    assertEquals(3 * 70_000, MqttStrings.utf8Length("€".repeat(70_000)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MqttStrings.utf8Length("x\uDFFF"));
    assertMessage(e, "U+DFFF", "index 1");
  }

  @Test void encodeWritesPrefixAndBytesAtOffset() {
    byte[] out = new byte[15];
    assertEquals(14, MqttStrings.encode(MIXED, out, 2));
    assertEquals("00 00 00 0A 61 C3 A9 E2 82 AC F0 9F 98 80 00", Hex.encode(out));
    assertEquals(MIXED, new String(out, 4, 10, StandardCharsets.UTF_8));
  }

  @Test void encodeRejectsWhatCannotBeSent() {
    assertThrows(IllegalArgumentException.class,
        () -> MqttStrings.encode("\uD800", new byte[8], 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MqttStrings.encode("a".repeat(65_536), new byte[65_538], 0));
    assertMessage(e, "65536");
  }

  @Test void decodeRoundTrips() throws Exception {
    byte[] bytes = Hex.decode("FF 61 C3 A9 E2 82 AC F0 9F 98 80 FF");
    assertEquals(MIXED, MqttStrings.decode(bytes, 1, 10));
    assertEquals("", MqttStrings.decode(bytes, 0, 0));
    assertEquals("\uDBFF\uDFFF", MqttStrings.decode(Hex.decode("F4 8F BF BF"), 0, 4));
    assertEquals("\uFFFF", MqttStrings.decode(Hex.decode("EF BF BF"), 0, 3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "U+0000, 61 00, U+0000 is not allowed, 00",
      "overlong 2-byte NUL, C0 80, overlong, C0 80",
      "overlong 2-byte, C1 BF, overlong, C1 BF",
      "overlong 3-byte, E0 80 AF, overlong, E0 80 AF",
      "overlong 4-byte, F0 80 80 AF, overlong, F0 80 80 AF",
      "encoded high surrogate, ED A0 80, encoded surrogate, ED A0 80",
      "encoded low surrogate, 61 ED BF BF, encoded surrogate, ED BF BF",
      "above U+10FFFF, F4 90 80 80, above U+10FFFF, F4 90 80 80",
      "lone continuation byte, 80, invalid lead byte, 80",
      "invalid lead byte, FE, invalid lead byte, FE",
      "bad continuation byte, C3 41, invalid continuation byte, C3 41",
      "truncated sequence, 61 E2 82, truncated, E2 82",
  })
  void decodeRejectsIllFormedUtf8(String name, String hex, String problem, String bytes) {
    byte[] buf = Hex.decode(hex);
    MalformedStringException e = assertThrows(MalformedStringException.class,
        () -> MqttStrings.decode(buf, 0, buf.length));
    assertMessage(e, problem, bytes);
  }

  @Test void decodeReportsThePosition() {
    byte[] buf = Hex.decode("61 62 ED A0 80");
    MalformedStringException e = assertThrows(MalformedStringException.class,
        () -> MqttStrings.decode(buf, 0, buf.length));
    assertMessage(e, "at byte 2");
  }
}
