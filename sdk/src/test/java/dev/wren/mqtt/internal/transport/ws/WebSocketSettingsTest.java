package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketSettingsTest {
  private static WebSocketSettings.Builder builder() {
    return WebSocketSettings.builder("broker.example", 443, true);
  }

  private static String refusal(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test void defaults() {
    WebSocketSettings s = builder().build();
    assertEquals("broker.example", s.hostHeader());
    assertEquals("/mqtt", s.path());
    assertEquals(List.of("mqtt"), s.subprotocols());
    assertEquals(0, s.headerCount());
    assertEquals(1024 * 1024 + 65_536, s.maxInboundFramePayload());
    assertEquals(65_536, s.maxOutboundFramePayload());
    assertTrue(s.random() instanceof SecureRandom);
  }

  @Test void hostHeaderLeavesOutTheDefaultPortAndBracketsIpv6() {
    assertEquals("h", WebSocketSettings.hostHeader("h", 80, false));
    assertEquals("h:443", WebSocketSettings.hostHeader("h", 443, false));
    assertEquals("h", WebSocketSettings.hostHeader("h", 443, true));
    assertEquals("h:80", WebSocketSettings.hostHeader("h", 80, true));
    assertEquals("127.0.0.1:8080", WebSocketSettings.hostHeader("127.0.0.1", 8080, false));
    assertEquals("[::1]:8080", WebSocketSettings.hostHeader("::1", 8080, false));
    assertEquals("[2001:db8::1]", WebSocketSettings.hostHeader("[2001:db8::1]", 443, true));
    assertThrows(IllegalArgumentException.class, () -> WebSocketSettings.hostHeader("h", 0, true));
    assertTrue(refusal(() -> WebSocketSettings.hostHeader("h\r\nX: y", 80, false)).contains("line break"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Evil\r\nHost", "X Space", "X:Colon", "", "Ünicode"})
  void badHeaderNamesAreRefused(String name) {
    assertTrue(refusal(() -> builder().addHeader(name, "v")).contains("must be a token"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nInjected: 1", "a\nb", "a\rb", "nul\u0000", "del\u007f", "\u20ac"})
  void badHeaderValuesAreRefused(String value) {
    String message = refusal(() -> builder().addHeader("Authorization", value));
    assertTrue(message.startsWith("WebSocket header Authorization has a"), message);
    assertTrue(message.contains("header values must be one line of text"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host", "upgrade", "CONNECTION", "Sec-WebSocket-Key", "sec-websocket-protocol",
      "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding"})
  void handshakeHeadersCannotBeAdded(String name) {
    assertEquals("WebSocket header " + name + " is set by the handshake itself and cannot be given"
        + " as an extra header", refusal(() -> builder().addHeader(name, "x")));
  }

  @Test void extraHeadersKeepTheirOrderAndMayRepeat() {
    WebSocketSettings s = builder().addHeader("Cookie", "a=1").addHeader("Authorization", "Basic x")
        .addHeader("Cookie", "b=2").addHeader("X-Tab", "a\tb").build();
    assertEquals(4, s.headerCount());
    assertEquals("Cookie", s.headerName(2));
    assertEquals("b=2", s.headerValue(2));
    assertEquals("a\tb", s.headerValue(3));
  }

  @Test void toStringNamesHeadersButHidesValues() {
    String text = builder().addHeader("Authorization", "Bearer secret-token").build().toString();
    assertTrue(text.contains("Authorization"), text);
    assertFalse(text.contains("secret-token"), text);
  }

  @Test void paths() {
    assertEquals("/", builder().path("/").build().path());
    assertEquals("/ws%20x?a=b", builder().path("/ws%20x?a=b").build().path());
    assertTrue(refusal(() -> builder().path("mqtt")).contains("must start with '/'"));
    assertTrue(refusal(() -> builder().path("/a b")).contains("percent-encode"));
    assertTrue(refusal(() -> builder().path("/a\r\nX: y")).contains("0xd"));
    assertTrue(refusal(() -> builder().path("/é")).contains("non-ASCII"));
  }

  @Test void subprotocols() {
    assertEquals(List.of("mqtt", "mqttv3.1"),
        builder().subprotocols(List.of("mqtt", "mqttv3.1")).build().subprotocols());
    assertTrue(refusal(() -> builder().subprotocols(List.of())).contains("at least one"));
    assertTrue(refusal(() -> builder().subprotocols(List.of("mqtt, mqttv3.1"))).contains("must be a token"));
    assertTrue(refusal(() -> builder().subprotocols(List.of("mqtt", "mqtt"))).contains("given twice"));
  }

  @Test void frameLimitsAndRandom() {
    assertThrows(IllegalArgumentException.class, () -> builder().maxInboundFramePayload(0));
    assertThrows(IllegalArgumentException.class, () -> builder().maxOutboundFramePayload(0));
    assertEquals(1, builder().maxOutboundFramePayload(1).build().maxOutboundFramePayload());
    SecureRandom random = new SecureRandom();
    WebSocketSettings s = builder().maxInboundFramePayload(1024).random(random).build();
    assertEquals(1024, s.maxInboundFramePayload());
    assertSame(random, s.random());
    WebSocketSettings copy = s.newBuilder().addHeader("A", "b").build();
    assertEquals(1024, copy.maxInboundFramePayload());
    assertSame(random, copy.random());
    assertEquals(0, s.headerCount());
    assertEquals(1, copy.headerCount());
  }
}
