package dev.wren.mqtt.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {
  @ParameterizedTest
  @CsvSource({
      "tcp://broker.example, tcp, broker.example, 1883, false",
      "tcp://h:1884, tcp, h, 1884, false",
      "ssl://broker.example, ssl, broker.example, 8883, true",
      "mqtts://broker.example, mqtts, broker.example, 8883, true",
      "MQTTS://h:443, mqtts, h, 443, true",
      "ssl://[::1]:8884, ssl, ::1, 8884, true"})
  void schemesAndDefaultPorts(String uri, String scheme, String host, int port, boolean secure) {
    ServerAddress a = ServerAddress.parse(uri);
    assertEquals(scheme, a.scheme());
    assertEquals(host, a.host());
    assertEquals(port, a.port());
    assertEquals(secure, a.secure());
    assertEquals(uri, a.uri());
  }

  @ParameterizedTest @ValueSource(strings = {"ws://h/mqtt", "wss://h", "http://h", "mqtt://h"})
  void unknownSchemesListTheKnownOnes(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(uri));
    assertTrue(e.getMessage().contains("known schemes: tcp, ssl, mqtts"), e.getMessage());
    assertTrue(e.getMessage().contains(uri), e.getMessage());
  }

  @Test void staysStrict() {
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://h/path"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://h:0"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("localhost:8883"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://:8883"));
    assertFalse(ServerAddress.parse("tcp://h").secure());
  }
}
