package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.transport.Connection;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Connection} over a scripted input stream, for tests of the packet reader: it records
 * the read timeouts it is given (the input decides where a read times out, not the clock) and
 * refuses what a reader never does.
 */
final class ReadOnlyConnection implements Connection {
  final List<Integer> timeouts = new ArrayList<>();
  private final InputStream in;
  private final String peer;

  ReadOnlyConnection(InputStream in, String peer) {
    this.in = in;
    this.peer = peer;
  }

  @Override public InputStream in() {
    return in;
  }

  @Override public OutputStream out() {
    throw new UnsupportedOperationException("the reader never writes");
  }

  @Override public void setReadTimeout(int millis) {
    timeouts.add(millis);
  }

  @Override public void shutdownOutput() {
    throw new UnsupportedOperationException("the reader never shuts down the output");
  }

  @Override public String peer() {
    return peer;
  }

  @Override public void close() {
    // nothing to release
  }
}
