package dev.wren.mqtt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "/", "a/b", "/finance", "a//b", "$SYS/broker", " ", "é/€"})
  void validNames(String topic) {
    assertDoesNotThrow(() -> Topics.validateName(topic));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "+", "#", "a/+", "a/#", "a+b", "sport/tennis#"})
  void invalidNames(String topic) {
    InvalidTopicException e =
        assertThrows(InvalidTopicException.class, () -> Topics.validateName(topic));
    assertTrue(e.getMessage().contains("\"" + topic + "\""), e.getMessage());
  }

  @Test void nameWithMalformedString() {
    MalformedStringException e =
        assertThrows(MalformedStringException.class, () -> Topics.validateName("a/\u0000"));
    assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
    assertTrue(e.getMessage().contains("topic name"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"#", "+", "/", "//", "a", "a/#", "+/+", "a/+/b", "+/#", "/+", "$SYS/#",
      "sport/tennis/player1/#", "+/tennis/#", "a//#"})
  void validFilters(String filter) {
    assertDoesNotThrow(() -> Topics.validateFilter(filter));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a#", "a/#/b", "#/", "##", "a+", "+a", "a/b+", "a/+b/c", "++",
      "sport/tennis#", "#/a"})
  void invalidFilters(String filter) {
    InvalidTopicException e =
        assertThrows(InvalidTopicException.class, () -> Topics.validateFilter(filter));
    assertTrue(e.getMessage().contains("\"" + filter + "\""), e.getMessage());
  }

  @Test void filterWithMalformedString() {
    assertThrows(MalformedStringException.class, () -> Topics.validateFilter("a/\uD800"));
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
      // Spec 4.7.1 examples.
      "sport/tennis/player1/#, sport/tennis/player1, true",
      "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
      "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
      "sport/#, sport, true",
      "sport/tennis/+, sport/tennis/player1, true",
      "sport/tennis/+, sport/tennis/player1/ranking, false",
      "sport/tennis/+, sport/tennis/player2, true",
      "sport/+, sport, false",
      "sport/+, sport/, true",
      "+/+, /finance, true",
      "/+, /finance, true",
      "+, /finance, false",
      // $-topics are not matched by a leading wildcard.
      "#, $SYS/broker/load, false",
      "+/broker/load, $SYS/broker/load, false",
      "+, $SYS, false",
      "$SYS/#, $SYS/broker/load, true",
      "$SYS/broker/+, $SYS/broker/load, true",
      "$SYS/#, $SYS, true",
      "a/#, a/$b, true",
      // '#' alone.
      "#, a, true",
      "#, /, true",
      "#, a/b/c, true",
      // Literals and '+'.
      "a/b, a/b, true",
      "a/b, a/bc, false",
      "a/bc, a/b, false",
      "a/b, a, false",
      "a, a/b, false",
      "a, A, false",
      "+, a, true",
      "+/b, a/b, true",
      "a/+/c, a/x/c, true",
      "a/+/c, a/x/d, false",
      "a/+/c, a//c, true",
      "a//b, a//b, true",
      "a/+, a/b/c, false",
      "+/#, a, true",
      "+/#, a/b/c, true",
      "a/#, ab, false",
      "a/#, a/, true",
      "a/, a/, true",
      "a/, a, false",
      "a, a/, false",
  })
  void matches(String filter, String topic, boolean expected) {
    assertEquals(expected, Topics.matches(filter, topic));
  }
}
