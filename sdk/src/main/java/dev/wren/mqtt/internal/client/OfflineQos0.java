package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.ProtocolVersion;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * QoS 0 messages published while offline: dropped and reported by default, or, when the options
 * give a buffer, kept in memory (the oldest dropped when full) and sent once connected.
 * Thread-safe.
 */
final class OfflineQos0 {
  private final int capacity;
  private final Events events;
  private final ArrayDeque<DeliveryImpl> buffer = new ArrayDeque<>();

  private final MessageAccess messages;
  private final ProtocolVersion version;

  OfflineQos0(int capacity, Events events, MessageAccess messages, ProtocolVersion version) {
    this.messages = messages;
    this.version = version;
    this.capacity = capacity;
    this.events = events;
  }

  /** Buffers or drops a QoS 0 message published while offline. */
  void offer(DeliveryImpl delivery, String why) {
    DeliveryImpl dropped = delivery;
    String reason = why + "; QoS 0 messages are not queued (MqttOptions.offlineQos0Buffer keeps some)";
    if (capacity > 0) {
      synchronized (this) {
        buffer.add(delivery);
        dropped = buffer.size() > capacity ? buffer.poll() : null;
      }
      reason = "the offline buffer of " + capacity + " QoS 0 messages was full";
    }
    if (dropped != null) drop(dropped, reason);
  }

  /** Sends what the buffer holds, oldest first. Runs on the I/O thread after CONNACK. */
  void flush(Link link) throws IOException {
    while (true) {
      DeliveryImpl next;
      synchronized (this) {
        next = buffer.poll();
      }
      if (next == null) return;
      Message m = next.message();
      try {
        link.writer().write(Mqtt5Fields.qos0(m, messages, version));
      } catch (IOException e) {
        next.fail(new NotConnectedException("the connection failed while sending the buffered"
            + " QoS 0 message to '" + m.topic() + "': " + e.getMessage()));
        throw e;
      }
      next.delivered();
    }
  }

  private void drop(DeliveryImpl delivery, String reason) {
    delivery.fail(new NotConnectedException("QoS 0 message to '" + delivery.message().topic()
        + "' dropped: " + reason));
    events.messageDropped(delivery.message(), reason);
  }
}
