package dev.wren.mqtt.internal.transport.ws;

import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.CLOSE_NO_STATUS;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.CLOSE_TOO_BIG;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.CLOSE_UNSUPPORTED_DATA;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MAX_CONTROL_PAYLOAD;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.MAX_HEADER_LENGTH;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_BINARY;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_CLOSE;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_CONTINUATION;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_PING;
import static dev.wren.mqtt.internal.transport.ws.WebSocketProtocol.OPCODE_TEXT;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import org.tinylog.Logger;

/**
 * Turns the server's frames back into the byte stream they carry: payloads of binary frames and
 * their continuations, in order, with frame boundaries forgotten (an MQTT packet may span frames
 * and a frame may hold several). Control frames are handled on the way: a ping is answered with a
 * pong of the same payload, a pong is ignored, a close frame is answered and ends the stream.
 *
 * <p>Resumable: every field changes only after the bytes it accounts for were read, so a
 * {@link java.net.SocketTimeoutException} anywhere (header, control payload, data payload) leaves
 * the state intact and the next call carries on. Payloads are streamed, never buffered, so a
 * frame's length costs no memory; it is still checked against the maximum before the payload is
 * read. A read that meets only frames without data (empty ones, pings, pongs) gives up after the
 * read timeout, as a quiet socket would: a peer sending nothing else cannot hold the caller in
 * one read past its deadline. Used by the I/O thread only; the replies go through the
 * thread-safe {@link FrameWriter}.
 */
final class FrameReader {
  private static final Charset UTF_8 = Charset.forName("UTF-8");

  private final InputStream in;
  private final FrameWriter writer;
  private final long maxFramePayload;
  private final String peer;
  private final byte[] header = new byte[MAX_HEADER_LENGTH];
  private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
  private int headerFill;
  /** The frame whose payload comes next; null while a header is being read. */
  private FrameHeader frame;
  private long payloadLeft;
  private int controlFill;
  /** A binary message without its final frame yet: only continuations may follow. */
  private boolean messageOpen;
  /** Once set, every read throws it: the connection is finished. */
  private IOException failure;
  /** The close handshake completed after our close frame: end of stream. */
  private boolean closed;
  /** The raw connection's read timeout, which also bounds a read that finds no data; 0: none. */
  private int readTimeoutMillis;

  FrameReader(InputStream in, FrameWriter writer, long maxFramePayload, String peer) {
    this.in = in;
    this.writer = writer;
    this.maxFramePayload = maxFramePayload;
    this.peer = peer;
  }

  /**
   * Reads up to {@code len} payload bytes, blocking until at least one arrives.
   *
   * @return the number of bytes read, or -1 at the end of the stream: the raw stream ended
   *     between frames, or the server answered our close frame
   * @throws WebSocketProtocolException when the server broke the protocol (a close frame was sent)
   * @throws WebSocketClosedException when the server closed the WebSocket unasked
   * @throws java.net.SocketTimeoutException when the read timed out; call again to carry on
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (off < 0 || len < 0 || len > b.length - off) {
      throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + b.length);
    }
    if (failure != null) throw failure;
    if (closed) return -1;
    if (len == 0) return 0;
    long startNanos = 0;
    try {
      while (true) {
        if (frame == null && !readHeader()) return -1;
        if (frame.isControl()) {
          readControlPayload();
          FrameHeader done = frame;
          frame = null;
          if (!handleControl(done)) return -1;
          startNanos = checkNoDataTimeout(startNanos);
        } else if (payloadLeft == 0) {
          frame = null;
          startNanos = checkNoDataTimeout(startNanos);
        } else {
          int n = in.read(b, off, (int) Math.min(len, payloadLeft));
          if (n == -1) throw endedMidFrame();
          payloadLeft -= n;
          if (payloadLeft == 0) frame = null;
          return n;
        }
      }
    } catch (WebSocketProtocolException e) {
      throw fail(e);
    }
  }

  /** The raw connection's read timeout, in milliseconds; 0 for none. */
  void readTimeout(int millis) {
    readTimeoutMillis = millis;
  }

  /**
   * Called between frames after one without data: throws once such frames have taken the read
   * timeout, the state intact for the next call (each of them was consumed whole).
   *
   * @param startNanos when the first of them in this read ended, 0 for none yet
   * @return {@code startNanos}, or now for the first
   */
  private long checkNoDataTimeout(long startNanos) throws SocketTimeoutException {
    if (readTimeoutMillis == 0) return startNanos;
    long now = System.nanoTime();
    if (startNanos == 0) return now;
    if (now - startNanos >= readTimeoutMillis * 1_000_000L) {
      throw new SocketTimeoutException("only WebSocket frames without data (empty, ping or pong)"
          + " from " + peer + " for the read timeout of " + readTimeoutMillis + " ms");
    }
    return startNanos;
  }

  /** Reads the next header and checks it in context; false when the stream ended before it. */
  private boolean readHeader() throws IOException {
    FrameHeader parsed;
    while ((parsed = FrameHeader.parse(header, headerFill)) == null) {
      int need = headerFill < 2 ? 2 : FrameHeader.bytesNeeded(header[1] & 0xFF);
      int n = in.read(header, headerFill, need - headerFill);
      if (n == -1) {
        if (headerFill == 0) return false;
        throw endedMidFrame();
      }
      headerFill += n;
    }
    headerFill = 0;
    int opcode = parsed.opcode();
    if (opcode == OPCODE_TEXT) {
      throw new WebSocketProtocolException(
          "text frame (MQTT over WebSocket uses binary frames only)", CLOSE_UNSUPPORTED_DATA);
    }
    if (opcode == OPCODE_CONTINUATION && !messageOpen) {
      throw new WebSocketProtocolException(
          "continuation frame without a fragmented message to continue", CLOSE_PROTOCOL_ERROR);
    }
    if (opcode == OPCODE_BINARY && messageOpen) {
      throw new WebSocketProtocolException("binary frame while a fragmented message is still"
          + " open (expected a continuation frame)", CLOSE_PROTOCOL_ERROR);
    }
    if (!parsed.isControl()) {
      if (parsed.payloadLength() > maxFramePayload) {
        throw new WebSocketProtocolException("frame of " + parsed.payloadLength()
            + " bytes exceeds the maximum of " + maxFramePayload + " bytes (maxInboundFramePayload,"
            + " by default maxInboundPacketSize + " + WebSocketSettings.INBOUND_FRAME_SLACK
            + "; raise WebSocketOptions.maxInboundFramePayload to accept it)", CLOSE_TOO_BIG);
      }
      messageOpen = !parsed.fin();
      payloadLeft = parsed.payloadLength();
    }
    controlFill = 0;
    frame = parsed;
    return true;
  }

  private void readControlPayload() throws IOException {
    int length = (int) frame.payloadLength();
    while (controlFill < length) {
      int n = in.read(control, controlFill, length - controlFill);
      if (n == -1) throw endedMidFrame();
      controlFill += n;
    }
  }

  /** Acts on a whole control frame; false when the stream has ended with it. */
  private boolean handleControl(FrameHeader done) throws IOException {
    switch (done.opcode()) {
      case OPCODE_PING:
        writer.writePong(control, controlFill);
        return true;
      case OPCODE_CLOSE:
        return closeReceived();
      default:
        // An unsolicited or late pong: allowed, and nothing waits for it (MQTT has PINGRESP).
        Logger.trace("WebSocket pong of {} bytes from {} ignored", controlFill, peer);
        return true;
    }
  }

  private boolean closeReceived() throws IOException {
    if (controlFill == 1) {
      throw new WebSocketProtocolException(
          "close frame with a 1-byte payload (a status code takes 2)", CLOSE_PROTOCOL_ERROR);
    }
    int code = CLOSE_NO_STATUS;
    String reason = "";
    if (controlFill >= 2) {
      code = (control[0] & 0xFF) << 8 | (control[1] & 0xFF);
      if (!WebSocketProtocol.isValidCloseCode(code)) {
        throw new WebSocketProtocolException("close frame with invalid status code " + code,
            CLOSE_PROTOCOL_ERROR);
      }
      // Lenient on bad UTF-8: the reason only ends up in a message.
      reason = new String(control, 2, controlFill - 2, UTF_8);
    }
    boolean answeredNow = true;
    IOException answerFailure = null;
    try {
      answeredNow = writer.writeClose(code, "");
    } catch (IOException e) {
      // The server may already have gone; its close frame is still the better explanation.
      answerFailure = e;
    }
    if (!answeredNow) {
      // We closed first and this is the answer: an orderly end.
      closed = true;
      return false;
    }
    String name = WebSocketProtocol.closeCodeName(code);
    String message = code == CLOSE_NO_STATUS
        ? "broker closed the WebSocket without a status code"
        : "broker closed the WebSocket: " + code + " " + name
            + (reason.isEmpty() || reason.equalsIgnoreCase(name) ? "" : " (" + reason + ")");
    WebSocketClosedException e = new WebSocketClosedException(message, code, reason);
    if (answerFailure != null) e.addSuppressed(answerFailure);
    failure = e;
    throw e;
  }

  /** Sends the close frame a protocol error calls for, and makes the error final. */
  private IOException fail(WebSocketProtocolException cause) {
    int code = cause.closeCode();
    WebSocketProtocolException e = new WebSocketProtocolException(
        "WebSocket protocol error from " + peer + ": " + cause.getMessage(), code);
    try {
      writer.writeClose(code, WebSocketProtocol.closeCodeName(code));
    } catch (IOException writeFailure) {
      e.addSuppressed(writeFailure);
    }
    failure = e;
    return e;
  }

  private EOFException endedMidFrame() {
    return new EOFException("the broker closed the connection in the middle of a WebSocket frame");
  }
}
