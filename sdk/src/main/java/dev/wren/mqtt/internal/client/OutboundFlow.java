package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.PubRel;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * Moves QoS 1/2 messages from the {@link OutboundQueue} onto the current connection and back out
 * of the queue when acknowledged; also owns the packet identifiers of SUBSCRIBE and UNSUBSCRIBE.
 *
 * <p>Any thread may {@link #pump}: a publisher sends its own message at once instead of waiting
 * for the I/O thread to wake up. One pump runs at a time (so PUBLISHes leave in queue order); a
 * pump asked for while another runs is done by the running one. The in-flight table, the
 * queue's cursor and the requests are guarded by {@code lock}; writes happen outside it, so an
 * acknowledgement is never stuck behind a slow socket. Thread-safe.
 */
final class OutboundFlow {
  private final OutboundQueue queue;
  private final Deliveries deliveries;
  /** The window the options allow; {@link #window} is it capped by the broker's Receive Maximum. */
  private final int capacity;
  private int window;
  /** How the current connection's PUBLISHes are made (MQTT 5 properties, the broker's limits). */
  private PublishShaper shaper = PublishShaper.MQTT_3_1_1;
  /** A message {@link #packetFor} refused, for {@link #drain} to fail; guarded by the pump lock. */
  private Deliveries.Answered refused;
  private long refusedSeq;
  private final Runnable onAcknowledged;
  private final ReentrantLock pumpLock = new ReentrantLock();
  private final AtomicBoolean pumpWanted = new AtomicBoolean();
  private final Object lock = new Object();
  private final InFlight inflight = new InFlight();
  private final Map<Integer, PendingRequest> requests = new HashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private QueuedMessage held;
  private Link link;
  private boolean sessionPresent;
  private long maxSentSeq;
  private int nextRequestId = 1;
  private boolean closed;

  /** @param onAcknowledged told after each acknowledgement: the queue has room again */
  OutboundFlow(OutboundQueue queue, Deliveries deliveries, long firstSeq, int capacity,
      Runnable onAcknowledged) {
    this.queue = queue;
    this.deliveries = deliveries;
    this.capacity = capacity;
    this.window = capacity;
    this.onAcknowledged = onAcknowledged;
    // Messages recovered from storage may have been sent by the process before this one.
    this.maxSentSeq = firstSeq - 1;
  }

  /**
   * A new connection is up: the next {@link #pump} starts over from the oldest unacknowledged
   * message. With the session present, what was sent before goes again with DUP and its old
   * identifier, or as PUBREL when the broker had already answered PUBREC; without it, everything
   * goes again as new. Runs on the I/O thread before any inbound packet of the connection is
   * handled.
   */
  void resume(Link newLink, boolean sessionPresent) {
    resume(newLink, sessionPresent, PublishShaper.MQTT_3_1_1, capacity);
  }

  /**
   * {@link #resume(Link, boolean)} for a connection whose PUBLISHes {@code shaper} makes, with at
   * most {@code serverReceiveMaximum} in flight (MQTT 5: the window is the smaller of the two).
   */
  void resume(Link newLink, boolean sessionPresent, PublishShaper shaper,
      int serverReceiveMaximum) {
    // Wait out a publisher still pumping into the old, failed link.
    pumpLock.lock();
    try {
      synchronized (lock) {
        if (closed) return;
        inflight.clear();
        held = null;
        queue.rewind();
        this.sessionPresent = sessionPresent;
        this.shaper = shaper;
        this.window = Math.min(capacity, serverReceiveMaximum);
        this.link = newLink;
      }
    } finally {
      pumpLock.unlock();
    }
  }

  /**
   * The link ended: nothing more is sent on it. In-flight messages stay in the queue for the next
   * connection; SUBSCRIBE and UNSUBSCRIBE requests are handed back to be failed.
   */
  List<PendingRequest> detach(Link ended) {
    synchronized (lock) {
      if (link == ended) link = null;
      List<PendingRequest> failed = new ArrayList<>(requests.values());
      requests.clear();
      return failed;
    }
  }

  /**
   * The client is closing: waits for a pump in progress, then sends nothing more, so the queue
   * can be closed under no reader.
   */
  void shutdown() {
    pumpLock.lock();
    try {
      synchronized (lock) {
        link = null;
        closed = true;
      }
    } finally {
      pumpLock.unlock();
    }
  }

  /**
   * Sends queued messages while the window has room; they leave at once, or with the I/O
   * thread's next write when it is busy ({@link PacketWriter#flushSoon}). Any thread; never
   * blocks on another pump.
   */
  void pump() {
    pump(true);
  }

  /**
   * Like {@link #pump} but leaves what it writes gathered, for the I/O thread: it flushes before
   * it next waits for the broker, so one system call carries what a batch of acknowledgements let
   * through.
   */
  void pumpGathered() {
    pump(false);
  }

  private void pump(boolean flush) {
    pumpWanted.set(true);
    Link wrote = null;
    while (pumpWanted.get() && pumpLock.tryLock()) {
      try {
        pumpWanted.set(false);
        Link target = drain();
        if (target != null) wrote = target;
      } finally {
        pumpLock.unlock();
      }
    }
    if (flush && wrote != null) {
      try {
        wrote.writer().flushSoon();
      } catch (IOException e) {
        wrote.writeFailed(e);
      }
    }
  }

  /** Writes (gathered) what the window allows; returns the link written to, or null. */
  private Link drain() {
    Link wrote = null;
    while (true) {
      Link target;
      Packet packet;
      synchronized (lock) {
        target = link;
        if (target == null || inflight.size() >= window) return wrote;
        QueuedMessage message = held;
        if (message == null) {
          try {
            message = queue.next();
          } catch (IOException e) {
            // The link is fine but useless without the queue; the next one reads again.
            target.writeFailed(new IOException("cannot read the next message from the"
                + " outbound queue: " + e.getMessage(), e));
            return null;
          }
        }
        if (message == null) return wrote;
        int id = message.packetId();
        // Requests are rare: the emptiness check spares every message a boxed lookup.
        if (inflight.contains(id) || (!requests.isEmpty() && requests.containsKey(id))) {
          // Its identifier is still taken; it goes when that packet is answered.
          held = message;
          return wrote;
        }
        held = null;
        packet = packetFor(message);
      }
      if (packet == null) {
        // Refused before sending: its delivery fails outside the lock (listeners may run).
        Deliveries.Answered refused = this.refused;
        long seq = refusedSeq;
        this.refused = null;
        deliveries.dropped(seq, refused);
        onAcknowledged.run();
        continue;
      }
      try {
        target.writer().gather(packet);
        sent.incrementAndGet();
        wrote = target;
      } catch (IOException e) {
        target.writeFailed(e);
        return null;
      }
    }
  }

  /** Registers {@code message} as in flight and returns what to send for it. Under the lock. */
  private Packet packetFor(QueuedMessage message) {
    int id = message.packetId();
    if (message.qos() == 2 && message.pubrelSent() && sessionPresent) {
      inflight.put(id, message.seq(), InFlight.Stage.AWAITING_PUBCOMP);
      return new PubRel(id);
    }
    boolean dup = sessionPresent && message.seq() <= maxSentSeq;
    Publish publish;
    Deliveries.Answered refused;
    try {
      publish = shaper.publish(message, dup, id);
      refused = shaper.refusal(publish);
    } catch (MalformedPacketException e) {
      // Only storage damage gets here; the record's checksum matched, so it is a bug or a
      // queue written by something else. The message cannot be sent as it was given.
      publish = null;
      refused = Deliveries.Answered.beforeSending(ReasonCode.MALFORMED_PACKET,
          "its MQTT 5 properties in the outbound queue are damaged: " + e.getMessage());
    }
    if (refused != null) {
      // The broker announced it would refuse this (QoS, retain, size): it leaves unsent.
      refuse(message.seq(), refused);
      return null;
    }
    maxSentSeq = Math.max(maxSentSeq, message.seq());
    inflight.put(id, message.seq(), message.qos() == 1
        ? InFlight.Stage.AWAITING_PUBACK : InFlight.Stage.AWAITING_PUBREC);
    return publish;
  }

  /**
   * Removes handed-out {@code seq} unsent; {@link #drain} fails its delivery once out of the lock.
   * Under the lock.
   */
  private void refuse(long seq, Deliveries.Answered refused) {
    try {
      queue.acknowledged(seq);
    } catch (IOException e) {
      // The message is out of the queue in memory; after a restart it is tried again.
      Logger.warn("could not record that message {} left the queue: {}", seq, e.getMessage());
    }
    this.refused = refused;
    this.refusedSeq = seq;
  }

  /**
   * PUBREC arrived: records that PUBREL follows, before it is sent, so a restart resumes with
   * PUBREL. False if {@code packetId} awaited no PUBREC.
   */
  boolean received(int packetId) throws IOException {
    synchronized (lock) {
      if (inflight.stage(packetId) != InFlight.Stage.AWAITING_PUBREC) return false;
      queue.pubrelSent(inflight.seq(packetId));
      inflight.advance(packetId, InFlight.Stage.AWAITING_PUBCOMP);
      return true;
    }
  }

  /**
   * The final acknowledgement arrived: the message leaves the queue and its delivery completes.
   * False if {@code packetId} awaited no such acknowledgement.
   */
  boolean acknowledged(int packetId, InFlight.Stage stage) throws IOException {
    return acknowledged(packetId, stage, null);
  }

  /**
   * As {@link #acknowledged(int, InFlight.Stage)}, with the MQTT 5 reason code of the answer
   * ({@code answer}, null for 0x00): a refusal fails the delivery, and the message leaves the
   * queue all the same, as the broker has decided.
   */
  boolean acknowledged(int packetId, InFlight.Stage stage, Deliveries.Answered answer)
      throws IOException {
    long seq;
    synchronized (lock) {
      if (inflight.stage(packetId) != stage) return false;
      seq = inflight.seq(packetId);
      inflight.remove(packetId);
      queue.acknowledged(seq);
    }
    acknowledged.incrementAndGet();
    if (answer == null) deliveries.delivered(seq);
    else deliveries.dropped(seq, answer);
    onAcknowledged.run();
    pumpGathered();
    return true;
  }

  /** Registers a SUBSCRIBE or UNSUBSCRIBE and returns its packet identifier; null when offline. */
  Integer request(boolean subscribe, List<String> filters, CompletionImpl<?> completion) {
    synchronized (lock) {
      if (link == null) return null;
      int id = freeId();
      requests.put(id, new PendingRequest(id, subscribe, filters, completion));
      return id;
    }
  }

  /** Removes and returns the request with {@code packetId} of the given kind, or null. */
  PendingRequest answered(int packetId, boolean subscribe) {
    PendingRequest request;
    synchronized (lock) {
      request = requests.get(packetId);
      if (request == null || request.subscribe != subscribe) return null;
      requests.remove(packetId);
    }
    // A message whose identifier this request held may go now.
    pumpGathered();
    return request;
  }

  /** An identifier no in-flight message or request uses, preferring ones not used recently. */
  private int freeId() {
    for (int i = 0; i < 65535; i++) {
      int id = nextRequestId;
      nextRequestId = id == 65535 ? 1 : id + 1;
      if (!inflight.contains(id) && !requests.containsKey(id)
          && (held == null || held.packetId() != id)) {
        return id;
      }
    }
    // capacity is at most 65535 and requests are few: only a bug gets here.
    throw new IllegalStateException("all 65535 packet identifiers are in use");
  }

  /** Whether a {@link #pump} now could send: a link is up and the window has room. */
  boolean canSend() {
    synchronized (lock) {
      return link != null && inflight.size() < window;
    }
  }

  /** PUBLISH packets written, re-sends included. */
  long sent() {
    return sent.get();
  }

  /** Messages acknowledged by the broker since the client was made. */
  long acknowledgedCount() {
    return acknowledged.get();
  }

  /** Messages sent on the current connection and not yet acknowledged. */
  int inflightCount() {
    synchronized (lock) {
      return inflight.size();
    }
  }
}
