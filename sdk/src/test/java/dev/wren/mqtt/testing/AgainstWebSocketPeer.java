package dev.wren.mqtt.testing;

import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ReconnectOptions;
import dev.wren.mqtt.WebSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the test classes that connect a client over {@code ws://} to a scripted
 * {@link WebSocketPeer}: a fresh peer per test, closed after it (rethrowing a failed script step).
 */
public abstract class AgainstWebSocketPeer {
  protected WebSocketPeer peer;
  protected final RecordingListener listener = new RecordingListener();

  @BeforeEach protected void startPeer() throws Exception {
    peer = WebSocketPeer.start();
  }

  @AfterEach protected void stopPeer() throws Exception {
    peer.close();
  }

  /** Options for the peer at {@code path}: the recording listener, no reconnect. */
  protected MqttOptions.Builder peerOptions(String path, String clientId, WebSocketOptions ws) {
    return MqttOptions.builder()
        .serverUri("ws://127.0.0.1:" + peer.port() + path).clientId(clientId)
        .webSocket(ws).reconnect(ReconnectOptions.disabled()).listener(listener);
  }
}
