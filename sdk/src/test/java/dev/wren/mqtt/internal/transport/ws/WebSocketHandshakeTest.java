package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.AllocationBudget;
import dev.wren.mqtt.testing.WebSocketWire;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The opening handshake as pure functions: request bytes, accept key, answer checks. */
class WebSocketHandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  /** RFC 6455 section 1.3's answer to KEY (also what SHA-1 and base64 give independently). */
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static final WebSocketSettings SETTINGS = WebSocketSettings.builder("broker", 8080, false)
      .subprotocols(List.of("mqtt", "mqttv3.1")).build();

  private static HttpResponseHead head(String text) throws IOException {
    return HttpResponseHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
        16 * 1024, "broker:8080/mqtt");
  }

  private static String ok(String protocol) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
        + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n";
  }

  private static WebSocketHandshakeException refused(String answer) {
    return assertThrows(WebSocketHandshakeException.class,
        () -> WebSocketHandshake.check(head(answer), SETTINGS, KEY, "broker:8080/mqtt"));
  }

  @Test void rfcSection13AcceptExample() {
    assertEquals(ACCEPT, WebSocketHandshake.acceptFor(KEY));
    assertEquals(WebSocketWire.acceptFor(KEY), WebSocketHandshake.acceptFor(KEY));
  }

  @Test void keysAreSixteenRandomBytesInBase64() {
    SecureRandom random = new SecureRandom();
    String a = WebSocketHandshake.newKey(random);
    String b = WebSocketHandshake.newKey(random);
    assertEquals(16, Base64.getDecoder().decode(a).length);
    assertEquals(24, a.length());
    assertNotEquals(a, b);
  }

  @Test void requestHasTheHandshakeHeadersThenTheExtraOnes() {
    WebSocketSettings s = WebSocketSettings.builder("::1", 8080, false).path("/mqtt?x=1")
        .subprotocols(List.of("mqtt", "mqttv3.1"))
        .addHeader("Authorization", "Bearer abc").addHeader("X-Trace", "1").build();
    String request = new String(WebSocketHandshake.request(s, KEY), StandardCharsets.ISO_8859_1);
    assertEquals("GET /mqtt?x=1 HTTP/1.1\r\n"
        + "Host: [::1]:8080\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: mqtt, mqttv3.1\r\n"
        + "Authorization: Bearer abc\r\n"
        + "X-Trace: 1\r\n"
        + "\r\n", request);
  }

  @Test void goodAnswerIsAccepted() throws IOException {
    assertEquals("mqttv3.1", WebSocketHandshake.check(head(ok("mqttv3.1")), SETTINGS, KEY, "w"));
    // Header names in any case, Connection as a list, a bare LF, values with spaces around.
    String odd = "HTTP/1.1 101 OK\nupgrade:  WebSocket \r\nCONNECTION: keep-alive, upgrade\r\n"
        + "sec-websocket-accept: " + ACCEPT + "\r\nSec-WebSocket-Protocol: mqtt\r\nServer: x\r\n\r\n";
    assertEquals("mqtt", WebSocketHandshake.check(head(odd), SETTINGS, KEY, "w"));
  }

  @Test void non101AnswersQuoteTheStatusLine() {
    WebSocketHandshakeException e = refused("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    assertEquals("the server at broker:8080/mqtt refused the WebSocket upgrade: HTTP/1.1 403"
        + " Forbidden (expected 101 Switching Protocols; check the credentials: none were sent)",
        e.getMessage());
    assertEquals(403, e.statusCode());
    assertTrue(refused("HTTP/1.1 404 Not Found\r\n\r\n").getMessage()
        .contains("HTTP/1.1 404 Not Found (expected 101 Switching Protocols; check the path /mqtt)"));
    assertTrue(refused("HTTP/1.1 200 OK\r\n\r\n").getMessage().contains("plain web server"));
    assertTrue(refused("HTTP/1.1 301 Moved\r\nLocation: https://x/mqtt\r\n\r\n").getMessage()
        .contains("redirects are not followed, Location: https://x/mqtt"));
    assertEquals(500, refused("HTTP/1.0 500 Oops\r\n\r\n").statusCode());
  }

  @Test void wrongHeadersAreNamed() {
    assertTrue(refused(ok("mqtt").replace("Upgrade: websocket\r\n", "")).getMessage()
        .endsWith("HTTP/1.1 101 Switching Protocols but no Upgrade header"));
    assertTrue(refused(ok("mqtt").replace("Upgrade: websocket", "Upgrade: h2c")).getMessage()
        .contains("Upgrade: h2c (expected websocket)"));
    assertTrue(refused(ok("mqtt").replace("Connection: Upgrade", "Connection: close")).getMessage()
        .contains("Connection: close (expected Upgrade)"));
    String wrongKey = refused(ok("mqtt").replace(ACCEPT, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).getMessage();
    assertTrue(wrongKey.contains("Sec-WebSocket-Accept AAAAAAAAAAAAAAAAAAAAAAAAAAA= (expected "
        + ACCEPT + " for key " + KEY), wrongKey);
    assertTrue(refused(ok("mqtt").replace("Sec-WebSocket-Accept: " + ACCEPT + "\r\n", ""))
        .getMessage().contains("no Sec-WebSocket-Accept"));
    assertTrue(refused(ok(null)).getMessage().contains("the server chose none of the subprotocols"
        + " offered (mqtt, mqttv3.1)"));
    assertTrue(refused(ok("wamp")).getMessage().contains("Sec-WebSocket-Protocol: wamp, which was"
        + " not offered (mqtt, mqttv3.1)"));
    assertTrue(refused(ok("mqtt").replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: "
        + "permessage-deflate\r\n\r\n")).getMessage().contains("no extension was offered"));
  }

  @Test void headParsingFailures() {
    WebSocketHandshakeException notHttp = assertThrows(WebSocketHandshakeException.class,
        () -> head("SSH-2.0-OpenSSH\r\n\r\n"));
    assertTrue(notHttp.getMessage().contains("did not answer the WebSocket upgrade request with"
        + " HTTP: 'SSH-2.0-OpenSSH'"), notHttp.getMessage());
    assertEquals(-1, notHttp.statusCode());
    assertThrows(WebSocketHandshakeException.class, () -> head("HTTP/1.1 1O1 x\r\n\r\n"));
    assertTrue(assertThrows(WebSocketHandshakeException.class,
        () -> head("HTTP/1.1 101 x\r\nno colon here\r\n\r\n")).getMessage()
        .contains("malformed header line 'no colon here'"));
    EOFException silent = assertThrows(EOFException.class, () -> head(""));
    assertTrue(silent.getMessage().contains("closed the connection without answering"));
    EOFException cut = assertThrows(EOFException.class, () -> head("HTTP/1.1 101 x\r\nUpgr"));
    assertTrue(cut.getMessage().contains("in the middle of its answer"), cut.getMessage());
    String big = "HTTP/1.1 101 x\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n";
    WebSocketHandshakeException tooBig = assertThrows(WebSocketHandshakeException.class, () -> head(big));
    assertTrue(tooBig.getMessage().contains("larger than 16384 bytes: HTTP/1.1 101 x"),
        tooBig.getMessage());
  }

  @Test void headerLinesAreCappedAndRepeatsJoined() throws IOException {
    String hundred = "HTTP/1.1 101 x\r\n" + "X-A: 1\r\n".repeat(99) + "X-a: 2\r\n\r\n";
    HttpResponseHead h = head(hundred);
    assertEquals("1, ".repeat(99) + "2", h.header("x-A"), "repeated fields join in order");
    assertTrue(h.headerHasToken("X-A", "2"));
    WebSocketHandshakeException e = assertThrows(WebSocketHandshakeException.class,
        () -> head(hundred.replace("\r\n\r\n", "\r\nX-B: 3\r\n\r\n")));
    assertTrue(e.getMessage().endsWith("has more than 100 header lines: HTTP/1.1 101 x"),
        e.getMessage());
    assertEquals(101, e.statusCode());
  }

  @Test void joiningRepeatedFieldsCostsTheirLengthNotItsSquare() throws Exception {
    // Found by HttpResponseHeadFuzzTest: a concatenating join took 13 MB for a 16 KiB head.
    String value = "w".repeat(150);
    HttpResponseHead h = head("HTTP/1.1 101 x\r\n" + ("Upgrade: " + value + "\r\n").repeat(100) + "\r\n");
    String joined = new AllocationBudget().call(8L * 16 * 1024, "header(\"Upgrade\")",
        () -> h.header("Upgrade"));
    assertEquals(100 * 150 + 99 * 2, joined.length());
  }

  @Test void headReadingStopsAtTheBlankLine() throws IOException {
    InputStream in = new ByteArrayInputStream((ok("mqtt") + "\u0082\u0002MQ")
        .getBytes(StandardCharsets.ISO_8859_1));
    HttpResponseHead h = HttpResponseHead.read(in, 16 * 1024, "w");
    assertEquals("HTTP/1.1 101 Switching Protocols", h.statusLine());
    assertEquals(0x82, in.read());
    assertEquals(3, in.available());
  }

  @Test void repeatedHeadersJoin() throws IOException {
    HttpResponseHead h = head("HTTP/1.1 101 x\r\nConnection: keep-alive\r\nconnection: Upgrade\r\n\r\n");
    assertEquals("keep-alive, Upgrade", h.header("Connection"));
    assertTrue(h.headerHasToken("connection", "UPGRADE"));
    assertFalse(h.headerHasToken("Upgrade", "websocket"));
    assertNull(h.header("Upgrade"));
  }
}
