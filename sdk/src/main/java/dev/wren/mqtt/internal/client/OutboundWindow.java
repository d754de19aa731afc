package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.internal.session.PacketIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits for the broker on the current connection: QoS 1/2 messages in flight (at most
 * {@code capacity}), messages published from the I/O thread while the window was full, and
 * SUBSCRIBE/UNSUBSCRIBE requests. Owns the packet identifiers. Thread-safe; no I/O happens under
 * its lock.
 */
final class OutboundWindow {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final int capacity;
  private final PacketIds ids = new PacketIds();
  private final LinkedHashMap<Integer, OutboundPublish> inflight = new LinkedHashMap<>();
  private final ArrayDeque<OutboundPublish> overflow = new ArrayDeque<>();
  private final Map<Integer, PendingRequest> requests = new HashMap<>();
  private String notConnectedReason = "not connected; call connect() first";

  OutboundWindow(int capacity) {
    this.capacity = capacity;
  }

  /** The connection is up: publishes are accepted. */
  void open() {
    lock.lock();
    try {
      notConnectedReason = null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Admits a QoS 1/2 message: gives it a packet identifier when there is room. When full, a caller
   * off the I/O thread waits up to {@code timeoutMillis}; the I/O thread cannot wait for itself,
   * so its message goes to the overflow and is sent when an acknowledgement makes room.
   *
   * @return true when admitted (send it now), false when held in the overflow
   */
  boolean admit(OutboundPublish publish, long timeoutMillis, boolean onIoThread)
      throws NotConnectedException, MqttTimeoutException, InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (true) {
        if (notConnectedReason != null) throw new NotConnectedException(notConnectedReason);
        if (inflight.size() < capacity && overflow.isEmpty()) {
          publish.assign(ids.allocate());
          inflight.put(publish.packetId, publish);
          return true;
        }
        if (onIoThread) {
          overflow.add(publish);
          return false;
        }
        if (remaining <= 0) {
          throw new MqttTimeoutException("in-flight window full (" + capacity + " messages"
              + " unacknowledged) for " + timeoutMillis + " ms; raise maxInflight or publish slower");
        }
        remaining = room.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The message waiting for {@code stage} under {@code packetId}, or null. */
  OutboundPublish find(int packetId, OutboundPublish.Stage stage) {
    lock.lock();
    try {
      OutboundPublish publish = inflight.get(packetId);
      return publish != null && publish.stage == stage ? publish : null;
    } finally {
      lock.unlock();
    }
  }

  /** PUBREC arrived: the message now waits for PUBCOMP. False if it was not waiting for PUBREC. */
  boolean received(int packetId) {
    lock.lock();
    try {
      OutboundPublish publish = inflight.get(packetId);
      if (publish == null || publish.stage != OutboundPublish.Stage.AWAITING_PUBREC) return false;
      publish.stage = OutboundPublish.Stage.AWAITING_PUBCOMP;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The final acknowledgement arrived: removes the message and frees its identifier.
   *
   * @param promoted receives overflow messages that now have room; the caller sends them
   * @return the message, or null if none waited for {@code stage} under that identifier
   */
  OutboundPublish acknowledged(int packetId, OutboundPublish.Stage stage, List<OutboundPublish> promoted) {
    lock.lock();
    try {
      OutboundPublish publish = inflight.get(packetId);
      if (publish == null || publish.stage != stage) return null;
      inflight.remove(packetId);
      ids.release(packetId);
      while (inflight.size() < capacity && !overflow.isEmpty()) {
        OutboundPublish next = overflow.poll();
        next.assign(ids.allocate());
        inflight.put(next.packetId, next);
        promoted.add(next);
      }
      room.signal();
      return publish;
    } finally {
      lock.unlock();
    }
  }

  /** Registers a SUBSCRIBE or UNSUBSCRIBE; returns its packet identifier. */
  int request(boolean subscribe, List<String> filters, CompletionImpl<?> completion)
      throws NotConnectedException {
    lock.lock();
    try {
      if (notConnectedReason != null) throw new NotConnectedException(notConnectedReason);
      int id = ids.allocate();
      requests.put(id, new PendingRequest(id, subscribe, filters, completion));
      return id;
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns the request with {@code packetId} of the given kind, or null. */
  PendingRequest answered(int packetId, boolean subscribe) {
    lock.lock();
    try {
      PendingRequest request = requests.get(packetId);
      if (request == null || request.subscribe != subscribe) return null;
      requests.remove(packetId);
      ids.release(packetId);
      return request;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The connection ended: refuses new work with {@code reason} and hands back everything that
   * was waiting, in send order, so the caller can fail it outside the lock.
   */
  List<Outcome<?, ?>> close(String reason) {
    lock.lock();
    try {
      notConnectedReason = reason;
      List<Outcome<?, ?>> waiting = new ArrayList<>(inflight.size() + overflow.size() + requests.size());
      for (OutboundPublish publish : inflight.values()) waiting.add(publish.delivery);
      for (OutboundPublish publish : overflow) waiting.add(publish.delivery);
      for (PendingRequest request : requests.values()) waiting.add(request.completion);
      for (Iterator<Integer> it = inflight.keySet().iterator(); it.hasNext(); ) {
        ids.release(it.next());
        it.remove();
      }
      for (Integer id : requests.keySet()) ids.release(id);
      requests.clear();
      overflow.clear();
      room.signalAll();
      return waiting;
    } finally {
      lock.unlock();
    }
  }
}
