package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.FixedHeader;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Mqtt311Decoder;
import dev.wren.mqtt.internal.codec.Packet;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reads whole packets from a stream whose reads may time out. A timeout mid-packet keeps what was
 * read so far and the next call carries on, so the I/O thread can wake for keep-alive at any
 * moment. The body is allocated only after its size passed the maximum packet size check. Used by
 * the I/O thread only.
 */
final class PacketReader {
  private final InputStream in;
  private final int maxPacketSize;
  private final byte[] header = new byte[5];
  private int headerFill;
  private FixedHeader fixedHeader;
  private byte[] body;
  private int bodyFill;

  PacketReader(InputStream in, int maxPacketSize) {
    this.in = in;
    this.maxPacketSize = maxPacketSize;
  }

  /**
   * @return the next packet, or null when the read timed out before it was complete
   * @throws EOFException when the peer closed the connection
   */
  Packet read() throws IOException, MalformedPacketException {
    try {
      while (fixedHeader == null) {
        int b = in.read();
        if (b == -1) throw eof();
        header[headerFill++] = (byte) b;
        fixedHeader = FixedHeader.parse(header, 0, headerFill, maxPacketSize);
      }
      if (body == null) body = new byte[fixedHeader.remainingLength()];
      while (bodyFill < body.length) {
        int n = in.read(body, bodyFill, body.length - bodyFill);
        if (n == -1) throw eof();
        bodyFill += n;
      }
    } catch (SocketTimeoutException e) {
      return null;
    }
    Packet packet = Mqtt311Decoder.decode(fixedHeader.typeAndFlags(), body, 0, body.length);
    fixedHeader = null;
    body = null;
    headerFill = 0;
    bodyFill = 0;
    return packet;
  }

  /**
   * Whether bytes of the next packet are already buffered, so reading it will not wait for the
   * broker. A stream that cannot tell says no.
   */
  boolean hasBuffered() throws IOException {
    return fixedHeader != null || headerFill > 0 || in.available() > 0;
  }

  private EOFException eof() {
    boolean midPacket = headerFill > 0;
    return new EOFException(midPacket
        ? "the broker closed the connection in the middle of a packet"
        : "the broker closed the connection");
  }
}
