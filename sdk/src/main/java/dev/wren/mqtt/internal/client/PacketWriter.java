package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.internal.codec.IdOnlyPacket;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Writes whole packets, one writer at a time, and remembers when the last bytes left: keep-alive
 * counts from the last packet sent. Thread-safe.
 *
 * <p>{@link #write} sends at once. {@link #gather} leaves small packets in a buffer that the next
 * {@link #flush} (or any write that sends) puts on the wire in one system call: a burst of
 * PUBLISHes, or the acknowledgements for a read buffer full of messages, costs one write instead
 * of one per packet. Whoever gathers must flush before it waits for anything, or leave it to the
 * I/O thread while that is busy ({@link #flushSoon}), so nothing stays buffered on an idle link. The buffer exists only while bursts happen: {@link #trim}
 * drops it when the link goes quiet.
 */
final class PacketWriter {
  /** Gathered bytes are sent once they reach this; larger packets go to the socket directly. */
  static final int GATHER_BYTES = 8 * 1024;

  /**
   * Sends this soon after the one before belong to a burst; after {@link #BURST_SENDS} such sends
   * in a row, packets written to be sent at once are encoded into a gather buffer made for them,
   * which {@link #trim} drops when the link goes quiet. A handshake and a few requests stay below.
   */
  private static final long BURST_NANOS = 1_000_000;
  private static final int BURST_SENDS = 16;

  private final OutputStream out;
  /** The MQTT version's encoder. */
  private final PacketCodec codec;
  /** Told of every packet written, or null (then nothing is described). */
  private final PacketListener listener;
  private final SleepClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  /** {@link SleepClock} time: the broker's keep-alive timer also runs while the device sleeps. */
  private volatile long lastSendNanos;
  /** When the write in progress started, or 0: a write that never ends means a dead link. */
  private volatile long writingSinceNanos;
  /** The I/O thread is handling packets and flushes before it next waits; see {@link #flushSoon}. */
  private volatile boolean ioThreadFlushes;
  private byte[] gathered;
  private int gatheredLength;
  /** {@link System#nanoTime()} at the end of the last send, and sends in a row within BURST_NANOS. */
  private long sentAtNanos;
  private int burstSends;

  PacketWriter(OutputStream out) {
    this(out, null, SleepClock.forPlatform());
  }

  PacketWriter(OutputStream out, SleepClock clock) {
    this(out, null, clock);
  }

  PacketWriter(OutputStream out, PacketListener listener) {
    this(out, listener, SleepClock.forPlatform());
  }

  PacketWriter(OutputStream out, PacketListener listener, SleepClock clock) {
    this(out, listener, clock, PacketCodec.MQTT_3_1_1);
  }

  PacketWriter(OutputStream out, PacketListener listener, SleepClock clock, PacketCodec codec) {
    this.codec = codec;
    this.out = out;
    this.listener = listener;
    this.clock = clock;
    this.lastSendNanos = clock.nanos();
  }

  /** Writes {@code packet} and sends it, with anything gathered before it. */
  void write(Packet packet) throws IOException {
    int size = codec.encodedSize(packet);
    byte[] large = encodeLarge(packet, size);
    lock.lock();
    try {
      sending(packet);
      writeLocked(packet, size, large, true);
    } finally {
      lock.unlock();
    }
  }

  /** Writes {@code packet} but may leave it buffered: the caller flushes before it waits. */
  void gather(Packet packet) throws IOException {
    int size = codec.encodedSize(packet);
    byte[] large = encodeLarge(packet, size);
    lock.lock();
    try {
      sending(packet);
      writeLocked(packet, size, large, false);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #gather} for PUBACK, PUBREC, PUBREL or PUBCOMP: the packet object is made only when a
   * listener or the trace log is told of it.
   */
  void gatherAck(int type, int packetId) throws IOException {
    lock.lock();
    try {
      if (listener != null || Logger.isTraceEnabled()) sending(IdOnlyPacket.of(type, packetId));
      roomFor(4);
      gatheredLength = codec.encodeIdOnly(type, packetId, gathered, gatheredLength);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes {@code packet} unless another thread is writing: the I/O thread must not queue behind
   * a write that may never end, or nobody would notice that it does not.
   *
   * @return false when another write was in progress and nothing was written
   */
  boolean tryWrite(Packet packet) throws IOException {
    int size = codec.encodedSize(packet);
    byte[] large = encodeLarge(packet, size);
    if (!lock.tryLock()) return false;
    try {
      sending(packet);
      writeLocked(packet, size, large, true);
    } finally {
      lock.unlock();
    }
    return true;
  }

  /**
   * Like {@link #tryWrite(Packet)}, waiting up to {@code millis} for another writer: for the last
   * packet of a link (an MQTT 5 DISCONNECT naming a broken rule), worth a short wait, never a
   * blocked one.
   */
  boolean tryWrite(Packet packet, long millis) throws IOException, InterruptedException {
    int size = codec.encodedSize(packet);
    byte[] large = encodeLarge(packet, size);
    if (!lock.tryLock(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) return false;
    try {
      sending(packet);
      writeLocked(packet, size, large, true);
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Under the lock, so listeners hear of packets in wire order. */
  private void sending(Packet packet) {
    // Guarded: the varargs array would otherwise cost every packet an allocation.
    if (Logger.isTraceEnabled()) Logger.trace("sending {}", packet);
    if (listener != null) PacketEvents.sent(listener, packet);
  }

  /** Sends whatever was gathered. */
  void flush() throws IOException {
    lock.lock();
    try {
      if (gatheredLength > 0) send(null, true);
    } finally {
      lock.unlock();
    }
  }

  /**
   * For the I/O thread before it waits: sends what it gathered, unless another thread holds the
   * writer. Every other holder sends all gathered bytes before it is done (a {@link #write}, or a
   * pump that flushes), so taking the lock here would only make two threads queue on it.
   */
  void flushGathered() throws IOException {
    if (gatheredLength == 0 || !lock.tryLock()) return;
    try {
      if (gatheredLength > 0) send(null, true);
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a {@link #gather} by any thread: sends now unless the I/O thread is busy handling
   * packets, in which case it sends everything before it next waits. Under load that folds a
   * publisher's PUBLISHes into the writes the I/O thread makes anyway; a lone message on a quiet
   * link still leaves at once.
   *
   * <p>Race-free with {@link #ioThreadWaits}: the I/O thread clears the flag before its own
   * flush, and this reads it after the gather; a flush either thread skipped is done by the other.
   */
  void flushSoon() throws IOException {
    if (!ioThreadFlushes) flush();
  }

  /** The I/O thread is about to handle packets it read, and will flush before it waits again. */
  void ioThreadBusy() {
    ioThreadFlushes = true;
  }

  /**
   * The I/O thread is about to wait for the broker or the disk: sends what was gathered, and from
   * now on gatherers send their own.
   */
  void ioThreadWaits() throws IOException {
    ioThreadFlushes = false;
    flushGathered();
  }

  /**
   * The I/O thread calls application code, which may take its time: gatherers send their own
   * (and with it what the I/O thread gathered) until {@link #ioThreadBusy} again.
   */
  void ioThreadCallsOut() {
    ioThreadFlushes = false;
  }

  /** The link went quiet: gives back the gather buffer if it holds nothing (it never should). */
  void trim() {
    if (!lock.tryLock()) return;
    try {
      if (gatheredLength == 0) gathered = null;
    } finally {
      lock.unlock();
    }
  }

  /** A packet too big to gather, encoded before the lock is taken; null for a small one. */
  private byte[] encodeLarge(Packet packet, int size) {
    return size >= GATHER_BYTES ? codec.encode(packet) : null;
  }

  /**
   * Small packets are encoded straight into the gather buffer while it exists (under load), so a
   * packet costs no array of its own; a lone packet on a quiet link gets one instead of the buffer,
   * so that an idle client holds no buffer between its PINGREQs.
   */
  private void writeLocked(Packet packet, int size, byte[] large, boolean flush)
      throws IOException {
    if (large != null) {
      // Too big to be worth copying: what was gathered goes first, then the packet itself.
      if (gatheredLength > 0) send(null, false);
      send(large, true);
      return;
    }
    if (flush && gathered == null && burstSends < BURST_SENDS) {
      send(codec.encode(packet), true);
      return;
    }
    roomFor(size);
    gatheredLength = codec.encode(packet, gathered, gatheredLength);
    if (flush) send(null, true);
  }

  /** Makes room for {@code size} more gathered bytes: the buffer made, or what it holds sent. */
  private void roomFor(int size) throws IOException {
    if (gathered == null) gathered = new byte[GATHER_BYTES];
    if (gatheredLength + size > GATHER_BYTES) send(null, false);
  }

  /** Writes {@code bytes}, or the gathered bytes when null, and flushes the stream if asked. */
  private void send(byte[] bytes, boolean flush) throws IOException {
    writingSinceNanos = System.nanoTime() | 1;
    try {
      if (bytes != null) {
        out.write(bytes);
      } else {
        out.write(gathered, 0, gatheredLength);
        gatheredLength = 0;
      }
      if (flush) out.flush();
      lastSendNanos = clock.nanos();
      long now = System.nanoTime();
      burstSends = now - sentAtNanos <= BURST_NANOS ? Math.min(burstSends + 1, BURST_SENDS) : 0;
      sentAtNanos = now;
    } finally {
      writingSinceNanos = 0;
    }
  }

  /** When the write in progress started (never 0), or 0 when none is. */
  long writingSinceNanos() {
    return writingSinceNanos;
  }

  /** When the last bytes left, in {@link SleepClock} time. */
  long lastSendNanos() {
    return lastSendNanos;
  }
}
