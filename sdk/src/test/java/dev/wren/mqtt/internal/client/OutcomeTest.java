package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionLostException;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.Qos;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  private final IoThread ioThread = new IoThread();
  private final Message message = Message.builder().topic("t/1").qos(Qos.AT_LEAST_ONCE).build();

  @Test void awaitingOnTheIoThreadIsRefusedInsteadOfDeadlocking() throws Exception {
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread io = new Thread(() -> {
      try {
        delivery.await(1, TimeUnit.SECONDS);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    ioThread.set(io);
    io.start();
    io.join(5_000);
    assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
    assertTrue(thrown.get().getMessage().contains("would deadlock"), thrown.get().getMessage());
  }

  @Test void awaitTimesOutNamingWhatWasAwaited() {
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class,
        () -> delivery.await(20, TimeUnit.MILLISECONDS));
    assertTrue(e.getMessage().contains("'t/1' (QoS 1) within 20 ms"), e.getMessage());
  }

  @Test void failureIsRethrownAndReported() {
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    ConnectionLostException lost = new ConnectionLostException("gone", null);
    delivery.fail(lost);
    assertSame(lost, assertThrows(ConnectionLostException.class, () -> delivery.await(1, TimeUnit.SECONDS)));
    assertSame(lost, delivery.failure());
    assertTrue(delivery.isDone());
    assertTrue(!delivery.isDelivered());
  }

  @Test void completesOnceAndCallsEveryListenerOnce() {
    DeliveryImpl delivery = new DeliveryImpl(ioThread, message);
    List<Throwable> calls = new ArrayList<>();
    delivery.whenDone((d, failure) -> calls.add(failure));
    delivery.delivered();
    delivery.fail(new ConnectionLostException("late", null));
    delivery.whenDone((d, failure) -> calls.add(failure));
    assertEquals(2, calls.size());
    assertEquals(null, calls.get(0));
    assertTrue(delivery.isDelivered());
  }

  @Test void aThrowingListenerDoesNotStopTheOthers() {
    CompletionImpl<String> completion = new CompletionImpl<>(ioThread, "SUBSCRIBE to [a]");
    List<String> seen = new ArrayList<>();
    completion.whenDone((value, failure) -> {
      throw new IllegalStateException("listener bug");
    });
    completion.whenDone((value, failure) -> seen.add(value));
    completion.complete("granted");
    assertEquals(List.of("granted"), seen);
  }
}
