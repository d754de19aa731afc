/**
 * An RFC 6455 WebSocket client that carries MQTT over another {@link
 * dev.wren.mqtt.internal.transport.Connection}: TCP for {@code ws://}, TLS for {@code wss://}.
 *
 * <p>{@link dev.wren.mqtt.internal.transport.ws.WebSocketUpgrade#upgrade} is the entry point: it
 * sends the upgrade request built from
 * {@link dev.wren.mqtt.internal.transport.ws.WebSocketSettings}, checks the answer, and returns a connection with the same {@code in()}/{@code out()} shape as
 * TCP. Inside: {@code WebSocketProtocol} (constants and the frame layout), {@code FrameHeader}
 * (pure header coding and masking), {@code FrameReader} (server frames to a resumable byte
 * stream, answering pings and close frames), {@code FrameWriter} (masked client frames under one
 * lock), {@code WebSocketHandshake} and {@code HttpResponseHead} (the opening handshake),
 * the transport layer's {@code Base64} (Android API 21 has no {@code java.util.Base64}).
 *
 * <p>Failures are {@link java.io.IOException}s of this package, since the transport layer does
 * not know the public exceptions: {@code WebSocketHandshakeException} (the upgrade was refused),
 * {@code WebSocketProtocolException} (the server broke the protocol) and
 * {@code WebSocketClosedException} (the server closed the WebSocket). Every parameter and return
 * value is non-null unless documented otherwise.
 */
package dev.wren.mqtt.internal.transport.ws;
