package dev.wren.mqtt.internal.transport;

import java.io.IOException;

/** Opens {@link Connection}s to one kind of server address. Implementations are stateless. */
public interface Connector {
  /**
   * Opens a connection within {@code timeoutMillis}.
   *
   * @throws java.net.SocketTimeoutException when the deadline passes
   * @throws IOException when the peer cannot be reached
   */
  Connection open(ServerAddress address, int timeoutMillis) throws IOException;
}
