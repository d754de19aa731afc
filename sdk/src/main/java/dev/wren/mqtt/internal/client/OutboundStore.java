package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.PropertyBlock;

import dev.wren.mqtt.ConnectionState;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.QueueFullException;
import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import dev.wren.mqtt.internal.queue.Queues;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The client's outbound queue with what hangs off it: the deliveries of this process's messages
 * and the {@link OutboundFlow}. Opened on first use (a file queue takes its directory's lock and
 * recovers then), closed by {@code close()}. Thread-safe.
 */
final class OutboundStore {
  /**
   * How long the I/O thread waits for a publisher's ALWAYS sync in order to send what it releases
   * ({@link Link.Chores#relaySync}); syncs slower than this are not waited for, as the send then
   * costs the publisher little beside them.
   */
  private static final long RELAY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final MqttOptions options;
  private final IoThread ioThread;
  private final Events events;
  private final Lifecycle lifecycle;
  private final Object room = new Object();
  private final AtomicLong expired = new AtomicLong();
  private volatile OutboundQueue queue;
  private volatile Deliveries deliveries;
  private volatile OutboundFlow flow;
  private final MessageAccess messages;
  private boolean closed;
  /** Whether the I/O thread relays publishers' syncs: a file queue under ALWAYS. */
  private final boolean relays;

  OutboundStore(MqttOptions options, IoThread ioThread, Events events, Lifecycle lifecycle,
      MessageAccess messages) {
    this.options = options;
    this.messages = messages;
    this.ioThread = ioThread;
    this.events = events;
    this.lifecycle = lifecycle;
    this.relays = options.queue().directory() != null && options.queue().sync() == SyncPolicy.ALWAYS;
  }

  /** Opens the queue unless open; returns the flow that drains it. */
  synchronized OutboundFlow open() throws MqttException {
    if (closed) throw new IllegalStateException("client is closed; create a new MqttClient");
    if (flow != null) return flow;
    OutboundQueue opened;
    try {
      opened = Queues.open(options.queue(), new OutboundQueue.Listener() {
        @Override public void synced(long seq) {
          Deliveries d = deliveries;
          if (d != null) d.synced(seq);
        }

        @Override public void dropped(QueuedMessage message, String reason) {
          droppedByQueue(message, reason);
        }

        @Override public void expired(QueuedMessage message) {
          expiredInQueue(message);
        }
      });
    } catch (MqttException e) {
      throw e;
    } catch (IOException e) {
      throw new MqttException("cannot open the outbound queue " + options.queue() + ": "
          + e.getMessage(), e);
    }
    long firstSeq = opened.nextSeq();
    deliveries = new Deliveries(firstSeq, chores());
    queue = opened;
    flow = new OutboundFlow(opened, deliveries, firstSeq, options.maxInflight(),
        new Runnable() {
          @Override public void run() {
            synchronized (room) {
              room.notifyAll();
            }
          }
        });
    if (opened.size() > 0) Logger.info("the outbound queue holds {} messages from before", opened.size());
    return flow;
  }

  /** The flow, opening the queue if needed. */
  OutboundFlow flow() throws MqttException {
    OutboundFlow f = flow;
    return f != null ? f : open();
  }

  OutboundFlow flowOrNull() {
    return flow;
  }

  /**
   * Appends the message of {@code delivery} and, if {@code pump}, sends what the window allows
   * from this thread. When the queue is full a caller off the I/O thread waits up to
   * {@code timeoutMillis} for acknowledgements to make room.
   */
  void append(DeliveryImpl delivery, long timeoutMillis, boolean pump)
      throws MqttException, InterruptedException {
    OutboundFlow f = flow();
    Message m = delivery.message();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    delivery.queueing(deliveries, neverPersisted());
    // MQTT 5 properties go into the queue with the message, so a re-send carries them too.
    Mqtt5Properties p = Mqtt5Fields.messageProperties(m, messages);
    byte[] properties = p.isEmpty() ? null : PropertyBlock.encode(p);
    long seq;
    while (true) {
      try {
        // The message's own array, never written: a memory queue keeps it, a file queue writes it.
        seq = queue.append(m.topic(), messages.payload(m), m.qos().value(), m.retain(),
            m.expiresAfterMillis() > 0 ? m.expiresAfterMillis() : OutboundQueue.NO_EXPIRY,
            properties, delivery);
        break;
      } catch (QueueFullException e) {
        long remaining = deadline - System.nanoTime();
        if (ioThread.isCurrent() || remaining <= 0) throw e;
        synchronized (room) {
          // Bounded: an acknowledgement between the refusal and this wait is not seen here.
          TimeUnit.NANOSECONDS.timedWait(room, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
        }
      } catch (MqttException e) {
        throw e;
      } catch (IOException e) {
        throw new MqttException("cannot queue the message to '" + m.topic() + "': "
            + e.getMessage() + "; nothing queued before it is lost", e);
      }
    }
    if (lifecycle.thread() == null) {
      // No I/O thread runs the group commit: do it here once due.
      syncIfDue();
    } else if (lifecycle.state() == ConnectionState.WAITING_TO_RECONNECT) {
      // Only a backoff wait sleeps on the lifecycle monitor; it recomputes the sync deadline.
      lifecycle.wakeUp(false);
    }
    // Under ALWAYS the I/O thread may have waited for this message's sync to send it.
    if (pump && !queue.sendTakenOver(seq)) f.pump();
  }

  private void syncIfDue() throws MqttException {
    if (queue.syncDueNanos() - System.nanoTime() > 0) return;
    try {
      queue.sync();
    } catch (IOException e) {
      throw new MqttException("cannot sync the outbound queue " + options.queue() + ": "
          + e.getMessage(), e);
    }
  }

  /** The queue's group commit, for the I/O thread to run between packets and while offline. */
  Link.Chores chores() {
    return new Link.Chores() {
      @Override public long dueNanos() {
        OutboundQueue q = queue;
        return q == null ? Long.MAX_VALUE : q.syncDueNanos();
      }

      @Override public void run() throws IOException {
        queue.sync();
      }

      @Override public void beforeWait() throws IOException {
        OutboundQueue q = queue;
        if (q != null) q.flushSteps();
      }

      @Override public boolean relaySync() {
        if (!relays) return false;
        OutboundQueue q = queue;
        OutboundFlow f = flow;
        if (q == null || f == null || !f.canSend()) return false;
        if (!q.awaitReleasingSync(RELAY_WAIT_NANOS)) return false;
        f.pump();
        return true;
      }
    };
  }

  int size() {
    OutboundQueue q = queue;
    return q == null ? 0 : q.size();
  }

  /** Fails what still waits for the broker and closes the queue (a file queue keeps it all). */
  void close() {
    OutboundQueue q;
    synchronized (this) {
      closed = true;
      q = queue;
    }
    if (q == null) return;
    flow.shutdown();
    deliveries.failAll(new NotConnectedException("the client was closed before the broker"
        + " acknowledged; " + (q.durable()
            ? "the message stays in " + options.queue() + " for the next client on it"
            : "the message is lost with the memory queue")));
    try {
      q.close();
    } catch (IOException e) {
      Logger.error(e, "closing the outbound queue {} failed", options.queue());
    }
  }

  private String neverPersisted() {
    QueueOptions q = options.queue();
    if (q.directory() == null) return "the memory queue keeps messages in memory only";
    if (q.sync() == SyncPolicy.NEVER) return "sync policy NEVER leaves syncing to the OS";
    return null;
  }

  /** Messages that passed their deadline in the queue, since the client was made. */
  long expiredCount() {
    return expired.get();
  }

  private void expiredInQueue(QueuedMessage message) {
    expired.incrementAndGet();
    Message m = asMessage(message);
    long lateMillis = System.currentTimeMillis() - message.deadline();
    String reason = "expired: its deadline (" + message.deadline() + " ms since 1970 by the wall"
        + " clock) passed " + lateMillis + " ms before it could be sent; removed from the outbound"
        + " queue unsent";
    Deliveries d = deliveries;
    if (d != null) {
      d.dropped(message.seq(), new Deliveries.Expired(reason, message.deadline()));
    }
    events.messageDropped(m, reason);
  }

  private static Message asMessage(QueuedMessage message) {
    return Message.builder().topic(message.topic()).payload(message.payload())
        .qos(Qos.of(message.qos())).retain(message.retain()).build();
  }

  private void droppedByQueue(QueuedMessage message, String reason) {
    Message dropped = asMessage(message);
    Deliveries d = deliveries;
    if (d != null) {
      d.dropped(message.seq(), new Deliveries.Drop(reason));
    }
    events.messageDropped(dropped, reason);
  }
}
