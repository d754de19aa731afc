package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.internal.codec.ConnAck;
import dev.wren.mqtt.internal.codec.Connect;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.PacketCodec;
import dev.wren.mqtt.internal.codec.PacketTooLargeException;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.PingReq;
import dev.wren.mqtt.internal.transport.Connection;
import dev.wren.mqtt.internal.transport.ws.WebSocketProtocolException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * One established connection: the CONNECT/CONNACK handshake, then the read loop with keep-alive.
 * Its loop runs on the I/O thread; {@link #writer()} and {@link #close()} may be used from any.
 */
final class Link {
  /** Handles each inbound packet after the handshake, on the I/O thread. */
  interface PacketHandler {
    void onPacket(Packet packet) throws IOException, MqttException;
  }

  /** Work the I/O thread does between packets, when due: the queue's group commit. */
  interface Chores {
    /** When {@link #run} is due next, in {@link System#nanoTime()} terms. */
    long dueNanos();

    void run() throws IOException;

    /** Before the I/O thread waits: writes what the queue gathered (its acknowledgement records). */
    void beforeWait() throws IOException;

    /**
     * Under {@code SyncPolicy.ALWAYS}: waits, briefly, for a publisher's sync in progress and sends
     * what it released, so that the publisher's next append and sync overlap with that send.
     * Returns false at once when no such sync runs, and when the sync outlasted the wait.
     */
    boolean relaySync();
  }

  /**
   * Relays of publishers' syncs ({@link Chores#relaySync}) in a row before the I/O thread reads
   * again. With one, the relay missed 14–28 % of the bench's syncs (the broker's answer to the
   * message it had sent came after the next sync ended, so the I/O thread was reading); with
   * four, 12–18 %.
   */
  private static final int RELAYS_PER_READ = 4;

  /** How long the DISCONNECT that names a broken rule may wait for another writer. */
  private static final long DISCONNECT_WAIT_MILLIS = 200;

  /** How soon to retry a PINGREQ that found another write in progress. */
  private static final long PING_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Connection connection;
  private final PacketReader reader;
  private final PacketWriter writer;
  private final dev.wren.mqtt.PacketListener packetListener;
  private final KeepAlive keepAlive;
  private final SleepClock clock;
  private final long pingTimeoutNanos;
  /** Under MQTT 5 the client says why it ends a connection over a broken rule. */
  private final boolean mqtt5;
  private long deadLinkNanos;
  private volatile String closeReason;
  private volatile IOException writeFailure;

  Link(Connection connection, MqttOptions options, SleepClock clock) {
    this.connection = connection;
    this.clock = clock;
    this.mqtt5 = options.protocolVersion() == dev.wren.mqtt.ProtocolVersion.MQTT_5_0;
    PacketCodec codec = mqtt5 ? PacketCodec.MQTT_5_0 : PacketCodec.MQTT_3_1_1;
    this.reader = new PacketReader(connection, options.maxInboundPacketSize(), codec);
    this.writer = new PacketWriter(connection.out(), options.packetListener(), clock, codec);
    this.pingTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.pingTimeoutMillis());
    this.packetListener = options.packetListener();
    this.keepAlive = new KeepAlive(TimeUnit.SECONDS.toNanos(options.keepAliveSeconds()),
        TimeUnit.MILLISECONDS.toNanos(options.pingTimeoutMillis()), connection.peer());
    // A write blocked this long means nothing drains the socket, and a packet still arriving after
    // this long means the broker stalls mid-packet (slow-loris): the same 1.5 keep-alive bound as
    // an unanswered PINGREQ. 0 when keep-alive is off.
    this.deadLinkNanos = deadLinkNanos(TimeUnit.SECONDS.toNanos(options.keepAliveSeconds()),
        pingTimeoutNanos);
  }

  /** Keep-alive plus ping timeout, or 0 when keep-alive is off. */
  private static long deadLinkNanos(long keepAliveNanos, long pingTimeoutNanos) {
    return keepAliveNanos == 0 ? 0 : keepAliveNanos + pingTimeoutNanos;
  }

  PacketWriter writer() {
    return writer;
  }

  String peer() {
    return connection.peer();
  }

  /**
   * Sends CONNECT and reads the CONNACK before {@code deadlineNanos}; under MQTT 5 a Server Keep
   * Alive in it replaces the client's keep-alive on this link.
   *
   * @return the accepting CONNACK
   * @throws ConnectionRefusedException for a refusal, with its code (and MQTT 5 reason string)
   */
  ConnAck handshake(Connect connect, long deadlineNanos, long timeoutMillis)
      throws IOException, MqttException {
    writer.write(connect);
    // Anything but a CONNACK first is refused from its first byte, with the bytes that came.
    reader.require(PacketType.CONNACK);
    while (true) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        String got = reader.inPacket() ? "the CONNACK from " + peer() + " did not arrive whole ("
            + reader.progress() + " came)" : "no CONNACK from " + peer();
        throw new MqttTimeoutException(got + " within the connect timeout of " + timeoutMillis
            + " ms (is it an MQTT broker? raise connectTimeout if it is slow)");
      }
      // Returns by the deadline even when the broker trickles bytes.
      Packet packet = read(remaining);
      if (packet == null) continue;
      ConnAck connAck = (ConnAck) packet;
      if (!mqtt5) {
        if (connAck.returnCode() != 0) throw ConnectionRefusedException.forCode(connAck.returnCode());
        return connAck;
      }
      Mqtt5Properties p = connAck.properties();
      if (ReasonCode.isFailure(connAck.reasonCode())) {
        throw ConnectionRefusedException.forReasonCode(connAck.reasonCode(),
            p.string(Property.REASON_STRING), p.string(Property.SERVER_REFERENCE));
      }
      int serverKeepAlive = p.intValue(Property.SERVER_KEEP_ALIVE, -1);
      if (serverKeepAlive >= 0) {
        // [MQTT-3.2.2-21]: the client must use the broker's value.
        long interval = TimeUnit.SECONDS.toNanos(serverKeepAlive);
        keepAlive.interval(interval);
        deadLinkNanos = deadLinkNanos(interval, pingTimeoutNanos);
      }
      return connAck;
    }
  }

  /**
   * Reads and handles packets until the connection fails or is closed; never returns normally.
   * Under MQTT 5 a protocol violation by the broker is answered with a DISCONNECT naming it.
   */
  void run(PacketHandler handler, Chores chores) throws IOException, MqttException {
    try {
      loop(handler, chores);
    } catch (MqttProtocolException e) {
      if (mqtt5) disconnectOver(e);
      throw e;
    }
  }

  /** Tells the broker which rule it broke, if the writer is free; the link ends either way. */
  private void disconnectOver(MqttProtocolException e) {
    try {
      if (!writer.tryWrite(new Disconnect(e.reasonCode(), Mqtt5Properties.EMPTY),
          DISCONNECT_WAIT_MILLIS)) {
        Logger.debug("no DISCONNECT {} to {}: another write did not end within {} ms",
            String.format("0x%02X", e.reasonCode()), peer(), DISCONNECT_WAIT_MILLIS);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException writeFailed) {
      Logger.debug("could not send DISCONNECT {} to {}: {}",
          String.format("0x%02X", e.reasonCode()), peer(), writeFailed.getMessage());
    }
  }

  private void loop(PacketHandler handler, Chores chores) throws IOException, MqttException {
    // A few relays between packets read, so inbound packets wait for at most that many syncs.
    int relaysLeft = RELAYS_PER_READ;
    while (true) {
      long now = System.nanoTime();
      checkWrites(now);
      checkPacketInProgress(now);
      boolean choresDue = chores.dueNanos() - now <= 0;
      // About to wait for the broker or the disk: what was gathered goes first.
      if (choresDue || !reader.hasBuffered()) {
        writer.ioThreadWaits();
        chores.beforeWait();
      }
      if (choresDue) {
        chores.run();
        continue;
      }
      if (relaysLeft > 0 && !reader.hasBuffered()) {
        relaysLeft = chores.relaySync() ? relaysLeft - 1 : 0;
        continue;
      }
      // A wake-up after the device slept finds the PINGREQ past due and sends it at once.
      long wait = keepAlive.next(clock.nanos(), writer.lastSendNanos(), now);
      if (wait == KeepAlive.PING_NOW) {
        if (writer.tryWrite(PingReq.INSTANCE)) {
          keepAlive.pingSent(System.nanoTime());
          continue;
        }
        // Another thread is writing, so the link is not idle; look again shortly.
        wait = PING_RETRY_NANOS;
      }
      // The read returns when the wait is over, even mid-packet, so keep-alive runs on time.
      Packet packet = read(boundWait(wait, now, chores.dueNanos()));
      if (packet == null) {
        // Quiet for a whole wait: the burst buffers can go.
        if (!reader.inPacket()) {
          writer.trim();
          reader.trim();
        }
        continue;
      }
      relaysLeft = RELAYS_PER_READ;
      writer.ioThreadBusy();
      if (packet.type() == PacketType.PINGRESP) {
        keepAlive.pingResponse();
      } else {
        handler.onPacket(packet);
      }
    }
  }

  /**
   * {@code keepAliveNow()}: sends a PINGREQ from the calling thread (the client's writer thread),
   * unless one is outstanding, and waits for the PINGRESP up to the ping timeout. The I/O thread
   * reads the answer; it could not wake up in time to notice a missing one.
   *
   * @throws MqttTimeoutException when no PINGRESP came in time or the link closed first
   */
  void pingNow() throws IOException, MqttTimeoutException, InterruptedException {
    KeepAlive.Claim claim = keepAlive.claimPing(System.nanoTime());
    if (claim.send) writer.write(PingReq.INSTANCE);
    keepAlive.awaitResponse(claim);
  }

  /**
   * How long to read: until the keep-alive, the chores, the next write check or the deadline of
   * the packet in progress, whichever first; 0 for no limit.
   */
  private long boundWait(long keepAliveWait, long now, long choresDue) {
    long wait = keepAliveWait < 0 ? Long.MAX_VALUE : keepAliveWait;
    wait = Math.min(wait, Math.max(1, choresDue - now));
    if (deadLinkNanos > 0) {
      // Another thread may start a write that never ends; look again within a quarter of the bound.
      wait = Math.min(wait, Math.max(1, deadLinkNanos / 4));
      if (reader.inPacket()) {
        wait = Math.min(wait, Math.max(1, reader.startedNanos() + deadLinkNanos - now));
      }
    }
    return wait == Long.MAX_VALUE ? 0 : wait;
  }

  /**
   * A packet must arrive whole within the dead-link bound of its first byte: a broker that sends
   * a header and then a byte now and then (slow-loris) would otherwise hold the link forever, as
   * every read brings something. No PINGRESP can overtake the packet in the stream either.
   */
  private void checkPacketInProgress(long now) throws MqttTimeoutException {
    if (deadLinkNanos == 0 || !reader.inPacket()) return;
    long since = now - reader.startedNanos();
    if (since >= deadLinkNanos) {
      throw new MqttTimeoutException("a packet from " + peer() + " has been arriving for "
          + since / 1_000_000 + " ms (" + reader.progress() + " so far); a packet must arrive"
          + " whole within keep-alive + ping timeout (" + deadLinkNanos / 1_000_000
          + " ms): the link is too slow or the broker stalls mid-packet; the connection is dead");
    }
  }

  /** A write by another thread that has not finished for too long means the link is dead. */
  private void checkWrites(long now) throws MqttTimeoutException {
    long since = writer.writingSinceNanos();
    if (deadLinkNanos > 0 && since != 0 && now - since > deadLinkNanos) {
      throw new MqttTimeoutException("a write to " + peer() + " has been blocked for "
          + (now - since) / 1_000_000 + " ms; the connection is dead");
    }
  }

  private Packet read(long waitNanos) throws IOException, MqttProtocolException {
    try {
      Packet packet = reader.read(waitNanos);
      // Guarded: the varargs array would otherwise cost every packet an allocation.
      if (packet != null && Logger.isTraceEnabled()) Logger.trace("received {}", packet);
      if (packet != null && packetListener != null) PacketEvents.received(packetListener, packet);
      return packet;
    } catch (UnexpectedFirstPacketException e) {
      throw new MqttProtocolException("broker at " + peer() + ": " + e.getMessage()
          + "; is this an MQTT broker? Check the host, the port and the scheme (tcp, ssl, ws,"
          + " wss)", e);
    } catch (MalformedPacketException e) {
      throw new MqttProtocolException(
          "broker at " + peer() + " sent a malformed packet: " + e.getMessage(), e,
          e instanceof PacketTooLargeException ? ReasonCode.PACKET_TOO_LARGE
              : ReasonCode.MALFORMED_PACKET);
    } catch (WebSocketProtocolException e) {
      // The frame reader has sent its close frame; the message names the broken rule.
      throw new MqttProtocolException(e.getMessage() + " (closed with " + e.closeCode() + ")", e);
    }
  }

  /** Records that the application is ending this link, and why; the first reason wins. */
  void closing(String reason) {
    if (closeReason == null) closeReason = reason;
  }

  /** A write from another thread failed: remember the real cause, then unblock the I/O thread. */
  void writeFailed(IOException e) {
    if (writeFailure == null) writeFailure = e;
    close();
  }

  /** The first failed write, which explains the end better than the closed socket, or null. */
  IOException writeFailure() {
    return writeFailure;
  }

  /** Closes the socket, unblocking the I/O thread. Safe from any thread, more than once. */
  void close() {
    keepAlive.linkClosed();
    try {
      connection.close();
    } catch (IOException e) {
      Logger.debug(e, "closing the connection to {} failed; it is gone either way", peer());
    }
  }

  /** Why the application closed this link, or null when it did not. */
  String closeReason() {
    return closeReason;
  }

  /** Half-closes after DISCONNECT so the broker reads it before the socket goes. */
  void shutdownOutput() throws IOException {
    connection.shutdownOutput();
  }
}
