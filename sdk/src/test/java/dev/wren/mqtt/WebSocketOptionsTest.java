package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.internal.transport.ServerAddress;
import dev.wren.mqtt.internal.transport.TransportSettings;
import dev.wren.mqtt.internal.transport.ws.WebSocketSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link WebSocketOptions}, its place in {@link MqttOptions}, and the settings made from both. */
class WebSocketOptionsTest {
  @Test void defaults() {
    WebSocketOptions d = WebSocketOptions.defaults();
    assertEquals(List.of("mqtt"), d.subprotocols());
    assertTrue(d.headers().isEmpty());
    assertEquals(65_536, d.maxOutboundFramePayload());
    assertEquals(0, d.maxInboundFramePayload(), "not set: follows maxInboundPacketSize");
    assertEquals("WebSocketOptions{subprotocols=[mqtt], headers=[], maxOutboundFramePayload=65536}",
        d.toString());
  }

  @Test void headersKeepTheirOrderAndRepeatsAndToStringHidesValues() {
    WebSocketOptions o = WebSocketOptions.builder()
        .subprotocols("mqttv3.1", "mqtt")
        .addHeader("Authorization", "Bearer s3cret")
        .addHeader("X-Trace", "1")
        .addHeader("X-Trace", "2")
        .maxOutboundFramePayload(1024)
        .build();
    assertEquals(List.of("mqttv3.1", "mqtt"), o.subprotocols());
    assertEquals(List.of(Map.entry("Authorization", "Bearer s3cret"), Map.entry("X-Trace", "1"),
        Map.entry("X-Trace", "2")), o.headers());
    assertEquals(1024, o.maxOutboundFramePayload());
    assertFalse(o.toString().contains("s3cret"), o.toString());
    assertTrue(o.toString().contains("headers=[Authorization, X-Trace, X-Trace]"), o.toString());
    assertThrows(UnsupportedOperationException.class, () -> o.headers().clear());
    assertThrows(UnsupportedOperationException.class, () -> o.subprotocols().clear());

    WebSocketOptions more = o.toBuilder().addHeader("X-More", "3").build();
    assertEquals(4, more.headers().size());
    assertEquals(3, o.headers().size(), "the copy's builder does not change the original");
    assertEquals(o.subprotocols(), more.subprotocols());

    WebSocketOptions big = o.toBuilder().maxInboundFramePayload(1L << 32).build();
    assertEquals(1L << 32, big.maxInboundFramePayload());
    assertEquals(1L << 32, big.toBuilder().build().maxInboundFramePayload());
    assertTrue(big.toString().endsWith(", maxInboundFramePayload=4294967296}"), big.toString());
  }

  @Test void badValuesFailWhenSet() {
    WebSocketOptions.Builder b = WebSocketOptions.builder();
    assertMessage(() -> b.subprotocols(), "at least one WebSocket subprotocol");
    assertMessage(() -> b.subprotocols("mqtt", "mqtt"), "'mqtt' given twice");
    assertMessage(() -> b.subprotocols("mq tt"), "must be a token");
    assertMessage(() -> b.addHeader("Bad Name", "v"), "'Bad Name'");
    assertMessage(() -> b.addHeader("Sec-WebSocket-Protocol", "x"), "set by the handshake");
    assertMessage(() -> b.addHeader("Host", "x"), "set by the handshake");
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
        () -> b.addHeader("X-Token", "abc\r\nX-Evil: 1"));
    assertTrue(split.getMessage().contains("X-Token has a line break"), split.getMessage());
    assertFalse(split.getMessage().contains("abc"), "the value stays out: " + split.getMessage());
    assertMessage(() -> b.maxOutboundFramePayload(0), "maxOutboundFramePayload < 1: 0");
    assertMessage(() -> b.maxInboundFramePayload(0), "maxInboundFramePayload < 1: 0");
    assertThrows(NullPointerException.class, () -> b.addHeader("X", null));
    assertThrows(NullPointerException.class, () -> b.subprotocols((String[]) null));
    assertEquals(WebSocketOptions.defaults().toString(), b.build().toString(),
        "refused values left the builder as it was");
  }

  private static void assertMessage(Runnable r, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test void mqttOptionsTakeThemForWebSocketServersOnly() {
    WebSocketOptions ws = WebSocketOptions.builder().subprotocols("mqttv3.1").build();
    assertSame(WebSocketOptions.defaults(), MqttOptions.builder().serverUri("ws://h").build()
        .webSocket());
    MqttOptions o = MqttOptions.builder().serverUri("wss://h").webSocket(ws).build();
    assertSame(ws, o.webSocket());
    assertSame(ws, o.toBuilder().build().webSocket());
    assertTrue(o.toString().contains("webSocket=WebSocketOptions{"), o.toString());
    assertEquals(443, o.port());
    assertSame(TlsOptions.defaults(), o.tls(), "wss uses the default TLS settings");
    // One WebSocket server among others is enough.
    MqttOptions.builder().serverUris("tcp://a", "ws://b").webSocket(ws).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MqttOptions.builder().serverUri("tcp://h:1883").webSocket(ws).build());
    assertTrue(e.getMessage().contains("the server URI tcp://h:1883 is not WebSocket; use"
        + " ws://h:1883"), e.getMessage());
    assertNull(MqttOptions.builder().serverUri("ws://h").build().tls());
  }

  @Test void tlsOptionsWithAPlainWebSocketServerPointToWss() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MqttOptions.builder().serverUri("ws://h:8080/mqtt")
            .tls(TlsOptions.defaults()).build());
    assertTrue(e.getMessage().contains("ws://h:8080/mqtt is not TLS; use wss://h:8080/mqtt for"
        + " TLS"), e.getMessage());
  }

  @Test void transportSettingsMakeOneUpgradesSettings() {
    WebSocketOptions ws = WebSocketOptions.builder().subprotocols("mqttv3.1", "mqtt")
        .addHeader("Authorization", "Bearer t").addHeader("X-A", "1").maxOutboundFramePayload(100)
        .build();
    TransportSettings t = TransportSettings.from(MqttOptions.builder()
        .serverUri("wss://broker.example:8443/ws?x=1").webSocket(ws).build());
    WebSocketSettings s = t.webSocket(ServerAddress.parse("wss://broker.example:8443/ws?x=1"));
    assertEquals("broker.example:8443", s.hostHeader());
    assertEquals("/ws?x=1", s.path());
    assertEquals(List.of("mqttv3.1", "mqtt"), s.subprotocols());
    assertEquals(2, s.headerCount());
    assertEquals("Authorization", s.headerName(0));
    assertEquals("Bearer t", s.headerValue(0));
    assertEquals("X-A", s.headerName(1));
    assertEquals(100, s.maxOutboundFramePayload());
    assertEquals(1024 * 1024 + 65_536, s.maxInboundFramePayload(),
        "the default maxInboundPacketSize plus the slack");
    assertEquals(4_096 + 65_536, TransportSettings.from(MqttOptions.builder()
        .serverUri("ws://h").maxInboundPacketSize(4_096).build())
        .webSocket(ServerAddress.parse("ws://h")).maxInboundFramePayload(),
        "the limit follows maxInboundPacketSize");
    assertEquals(100_000_000L, TransportSettings.from(MqttOptions.builder().serverUri("ws://h")
        .maxInboundPacketSize(4_096).webSocket(WebSocketOptions.builder()
            .maxInboundFramePayload(100_000_000L).build()).build())
        .webSocket(ServerAddress.parse("ws://h")).maxInboundFramePayload(),
        "the option wins");
    assertEquals("broker.example", t.webSocket(ServerAddress.parse("wss://broker.example"))
        .hostHeader(), "the default port stays out of Host");

    WebSocketSettings d = new TransportSettings(null, null)
        .webSocket(ServerAddress.parse("ws://h"));
    assertEquals(List.of("mqtt"), d.subprotocols());
    assertEquals("/mqtt", d.path());
    assertEquals(0, d.headerCount());
    assertEquals(WebSocketSettings.DEFAULT_MAX_INBOUND_FRAME_PAYLOAD, d.maxInboundFramePayload());
    assertThrows(IllegalArgumentException.class,
        () -> new TransportSettings(null, null).webSocket(ServerAddress.parse("tcp://h")));
  }
}
