package dev.wren.mqtt.internal.transport.ws;

import dev.wren.mqtt.internal.transport.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@link Connection} that carries the MQTT byte stream in WebSocket frames over another
 * connection (TCP, or TLS for wss). {@link #in()} yields the payload of the server's binary
 * frames and answers its pings; {@link #out()} sends each write as one masked binary frame.
 * Read timeouts are the raw connection's and lose nothing (see {@link FrameReader}). Reads on the
 * I/O thread only; writes, {@link #shutdownOutput()} and {@link #close()} from any thread.
 */
final class WebSocketConnection implements Connection {
  private final Connection raw;
  private final FrameWriter writer;
  private final FrameReader reader;
  private final InputStream in = new FrameInput();
  private final OutputStream out = new FrameOutput();

  WebSocketConnection(Connection raw, WebSocketSettings settings) {
    this.raw = raw;
    this.writer = new FrameWriter(raw.out(), settings.random(),
        settings.maxOutboundFramePayload(), raw.peer());
    this.reader = new FrameReader(raw.in(), writer, settings.maxInboundFramePayload(), raw.peer());
  }

  @Override public InputStream in() {
    return in;
  }

  @Override public OutputStream out() {
    return out;
  }

  @Override public void setReadTimeout(int millis) throws IOException {
    raw.setReadTimeout(millis);
    reader.readTimeout(millis);
  }

  /**
   * Sends a close frame 1000 (normal closure), unless one went already, then half-closes the raw
   * connection. The server's answering close frame ends {@link #in()} with -1.
   */
  @Override public void shutdownOutput() throws IOException {
    writer.writeClose(WebSocketProtocol.CLOSE_NORMAL,
        WebSocketProtocol.closeCodeName(WebSocketProtocol.CLOSE_NORMAL));
    raw.shutdownOutput();
  }

  @Override public String peer() {
    return raw.peer();
  }

  /** Closes the raw connection, which unblocks a pending read or write. Any thread. */
  @Override public void close() throws IOException {
    raw.close();
  }

  @Override public String toString() {
    return "WebSocket to " + raw.peer();
  }

  private final class FrameInput extends InputStream {
    private final byte[] one = new byte[1];

    @Override public int read() throws IOException {
      int n = reader.read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      return reader.read(b, off, len);
    }

    /** Like a socket's stream: closing it closes the connection. */
    @Override public void close() throws IOException {
      WebSocketConnection.this.close();
    }
  }

  private final class FrameOutput extends OutputStream {
    /** One frame per call: callers that care (PacketWriter) write whole packets. */
    @Override public void write(int b) throws IOException {
      writer.writeBinary(new byte[] {(byte) b}, 0, 1);
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      writer.writeBinary(b, off, len);
    }

    @Override public void flush() throws IOException {
      writer.flush();
    }

    /** Like a socket's stream: closing it closes the connection. */
    @Override public void close() throws IOException {
      WebSocketConnection.this.close();
    }
  }
}
