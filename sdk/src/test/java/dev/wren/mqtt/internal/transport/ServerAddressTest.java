package dev.wren.mqtt.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ws://broker.example | ws | broker.example | 80 | false | /mqtt",
      "ws://h:8080/mqtt | ws | h | 8080 | false | /mqtt",
      "ws://h/ | ws | h | 80 | false | /",
      "WSS://h | wss | h | 443 | true | /mqtt",
      "wss://h:8443/a/b%20c?token=x%26y&v=1 | wss | h | 8443 | true | /a/b%20c?token=x%26y&v=1",
      "ws://h?token=abc | ws | h | 80 | false | /mqtt?token=abc",
      "wss://[::1]/ws | wss | ::1 | 443 | true | /ws"})
  void webSocketSchemesKeepPathAndQuery(String uri, String scheme, String host, int port,
      boolean secure, String path) {
    ServerAddress a = ServerAddress.parse(uri);
    assertEquals(scheme, a.scheme());
    assertEquals(host, a.host());
    assertEquals(port, a.port());
    assertEquals(secure, a.secure());
    assertTrue(a.webSocket());
    assertEquals(path, a.path());
  }

  @Test void otherSchemesHaveNoPath() {
    for (String uri : new String[] {"tcp://h", "ssl://h/", "mqtts://h"}) {
      assertFalse(ServerAddress.parse(uri).webSocket(), uri);
      assertNull(ServerAddress.parse(uri).path(), uri);
    }
  }

  @ParameterizedTest @ValueSource(strings = {"http://h", "mqtt://h", "https://h/mqtt", "wsx://h"})
  void unknownSchemesListTheKnownOnes(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(uri));
    assertTrue(e.getMessage().contains("known schemes: tcp, ssl, mqtts, ws, wss"), e.getMessage());
    assertTrue(e.getMessage().contains(uri), e.getMessage());
  }

  @Test void webSocketUrisAreChecked() {
    IllegalArgumentException fragment = assertThrows(IllegalArgumentException.class,
        () -> ServerAddress.parse("ws://h/mqtt#part"));
    assertTrue(fragment.getMessage().contains("fragment ('#part')"), fragment.getMessage());
    // java.net.URI lets non-ASCII through; a request line cannot carry it unencoded.
    IllegalArgumentException nonAscii = assertThrows(IllegalArgumentException.class,
        () -> ServerAddress.parse("ws://h/caf\u00e9"));
    assertTrue(nonAscii.getMessage().contains("percent-encode"), nonAscii.getMessage());
    assertTrue(nonAscii.getMessage().contains("ws://h/caf\u00e9"), nonAscii.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("wss://h:70000"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ws:///mqtt"));
  }

  @Test void staysStrict() {
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://h/path"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://h:0"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("localhost:8883"));
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("ssl://:8883"));
    assertFalse(ServerAddress.parse("tcp://h").secure());
  }
}
