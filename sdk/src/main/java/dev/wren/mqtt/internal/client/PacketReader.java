package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.FixedHeader;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketCodec;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.transport.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Reads whole packets from a connection, each call for at most the time it is given. When the
 * time is up or a read times out mid-packet, what was read so far is kept and the next call
 * carries on, so the I/O thread returns to keep-alive at any moment, also while a broker trickles
 * a packet in one byte at a time. Nothing is allocated before the header passed the codec's checks
 * (the size limit, the lengths the spec fixes); then bodies of up to {@link #SCRATCH_BYTES} are
 * read into one array kept while packets keep coming (the decoder copies what it keeps), larger
 * ones into their own. Used by the I/O thread only.
 */
final class PacketReader {
  /** How many bytes an unexpected first packet is shown by, at most. */
  static final int LEADING_BYTES = 16;

  /** The body of every packet that is only a header (PINGRESP): nothing to allocate. */
  private static final byte[] NO_BODY = new byte[0];

  /** The largest body read into the reused array; also the most that array grows to. */
  static final int SCRATCH_BYTES = 8 * 1024;

  private final Connection connection;
  private final InputStream in;
  private final int maxPacketSize;
  /** The MQTT version's decoder and header rules. */
  private final PacketCodec codec;
  private final byte[] header = new byte[5];
  private int headerFill;
  /** The header of the packet in progress ({@link FixedHeader#parsePacked}), or INCOMPLETE. */
  private long fixedHeader = FixedHeader.INCOMPLETE;
  private byte[] body;
  private int bodyLength;
  private int bodyFill;
  /** Reused for the bodies of small packets; dropped by {@link #trim} when the link is quiet. */
  private byte[] scratch;
  /** The topic of the last PUBLISH: the next on the same topic shares the String. */
  private String recentTopic;
  private long startedNanos;
  private int requiredType = -1;

  PacketReader(Connection connection, int maxPacketSize) {
    this(connection, maxPacketSize, PacketCodec.MQTT_3_1_1);
  }

  PacketReader(Connection connection, int maxPacketSize, PacketCodec codec) {
    this.codec = codec;
    this.connection = connection;
    this.in = connection.in();
    this.maxPacketSize = maxPacketSize;
  }

  /**
   * The next packet must be of {@code type} (the CONNACK that opens a connection): a first byte of
   * another type fails with {@link UnexpectedFirstPacketException} before anything else is read.
   */
  void require(int type) {
    requiredType = type;
  }

  /**
   * Reads for at most {@code waitNanos} (0: until the packet is whole), however the bytes come.
   *
   * @return the next packet, or null when it was not complete in time
   * @throws EOFException when the peer closed the connection
   */
  Packet read(long waitNanos) throws IOException, MalformedPacketException {
    long start = System.nanoTime();
    try {
      while (true) {
        long left = waitNanos == 0 ? 0 : waitNanos - (System.nanoTime() - start);
        if (waitNanos != 0 && left <= 0) return null;
        connection.setReadTimeout(toMillis(left));
        if (readSome()) break;
      }
    } catch (SocketTimeoutException e) {
      return null;
    }
    Packet packet = codec.decode(
        FixedHeader.packedTypeAndFlags(fixedHeader), body, 0, bodyLength, recentTopic);
    if (packet.type() == PacketType.PUBLISH) recentTopic = ((Publish) packet).topic();
    fixedHeader = FixedHeader.INCOMPLETE;
    body = null;
    headerFill = 0;
    bodyFill = 0;
    requiredType = -1;
    return packet;
  }

  /** One read from the stream; true when it completed the packet. */
  private boolean readSome() throws IOException, MalformedPacketException {
    if (fixedHeader == FixedHeader.INCOMPLETE) {
      int b = in.read();
      if (b == -1) throw eof();
      if (headerFill == 0) {
        startedNanos = System.nanoTime();
        if (requiredType >= 0 && b >> 4 != requiredType) throw unexpected(b);
      }
      header[headerFill++] = (byte) b;
      fixedHeader = codec.parseHeaderPacked(header, 0, headerFill, maxPacketSize);
      if (fixedHeader == FixedHeader.INCOMPLETE) return false;
      bodyLength = FixedHeader.packedRemainingLength(fixedHeader);
      body = bodyFor(bodyLength);
    } else {
      int n = in.read(body, bodyFill, bodyLength - bodyFill);
      if (n == -1) throw eof();
      bodyFill += n;
    }
    return bodyFill == bodyLength;
  }

  private byte[] bodyFor(int length) {
    if (length == 0) return NO_BODY;
    if (length > SCRATCH_BYTES) return new byte[length];
    if (scratch == null || scratch.length < length) {
      // Doubling from 64 bytes: a stream of small packets settles on a small array.
      int size = Math.max(64, Integer.highestOneBit(length - 1) << 1);
      scratch = new byte[Math.min(size, SCRATCH_BYTES)];
    }
    return scratch;
  }

  /** The link went quiet: gives back the reused body array, unless a packet is in progress. */
  void trim() {
    if (!inPacket()) scratch = null;
  }

  /** Whether part of a packet has been read: {@link #startedNanos()} says since when. */
  boolean inPacket() {
    return headerFill > 0;
  }

  /** When the first byte of the packet in progress arrived, in {@link System#nanoTime()} terms. */
  long startedNanos() {
    return startedNanos;
  }

  /** Bytes of the packet in progress read so far, and its whole size once the header is known. */
  String progress() {
    if (fixedHeader == FixedHeader.INCOMPLETE) return headerFill + " header bytes";
    int headerLength = FixedHeader.packedHeaderLength(fixedHeader);
    return (headerLength + bodyFill) + " of " + (headerLength + bodyLength) + " bytes";
  }

  /**
   * Whether bytes of the next packet are already buffered, so reading it will not wait for the
   * broker. A stream that cannot tell says no.
   */
  boolean hasBuffered() throws IOException {
    return headerFill > 0 || in.available() > 0;
  }

  /** The first byte and what else has already arrived, up to {@link #LEADING_BYTES}. */
  private UnexpectedFirstPacketException unexpected(int first) throws IOException {
    int more = Math.max(0, Math.min(in.available(), LEADING_BYTES - 1));
    byte[] leading = new byte[1 + more];
    leading[0] = (byte) first;
    int n = more == 0 ? 0 : Math.max(0, in.read(leading, 1, more));
    byte[] shown = new byte[1 + n];
    System.arraycopy(leading, 0, shown, 0, shown.length);
    return new UnexpectedFirstPacketException(requiredType, shown);
  }

  private EOFException eof() {
    boolean midPacket = headerFill > 0;
    return new EOFException(midPacket
        ? "the broker closed the connection in the middle of a packet"
        : "the broker closed the connection");
  }

  private static int toMillis(long nanos) {
    if (nanos == 0) return 0;
    // Round up: a 0 ms socket timeout would mean "forever".
    long millis = (nanos + 999_999) / 1_000_000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }
}
