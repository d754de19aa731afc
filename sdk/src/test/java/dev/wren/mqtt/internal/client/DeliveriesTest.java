package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Deliveries hold what the application can still observe and nothing else: a delivery it
 * dropped (with its message and payload) is not kept alive while the message waits in a queue.
 */
class DeliveriesTest {
  private final IoThread io = new IoThread();

  private DeliveryImpl delivery(int i) {
    return new DeliveryImpl(io, Message.builder().topic("t/" + i).payload(new byte[10_000])
        .qos(Qos.AT_LEAST_ONCE).build());
  }

  @Test void droppedDeliveriesAreNotKeptButOnesWithAListenerAre() throws Exception {
    Deliveries deliveries = new Deliveries();
    AtomicInteger heard = new AtomicInteger();
    for (int i = 0; i < 1_000; i++) {
      DeliveryImpl d = delivery(i);
      deliveries.register(i, d);
      if (i % 100 == 0) {
        d.whenDone((delivery, failure) -> heard.incrementAndGet());
        deliveries.pin(i, d);
      }
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (deliveries.size() > 10 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(10, deliveries.size(), "only the ten with a listener stay");
    for (int i = 0; i < 1_000; i++) deliveries.delivered(i);
    assertEquals(10, heard.get());
    assertEquals(0, deliveries.size());
  }

  @Test void aDeliveryTheApplicationHoldsIsCompleted() throws Exception {
    Deliveries deliveries = new Deliveries();
    DeliveryImpl held = delivery(7);
    deliveries.register(7, held);
    System.gc();
    deliveries.failed(7, new IllegalStateException("x"));
    assertTrue(held.isDone());
    assertTrue(held.failure() instanceof IllegalStateException);
  }
}
