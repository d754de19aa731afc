package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.NotConnectedException;
import dev.wren.mqtt.Qos;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundWindowTest {
  private final IoThread ioThread = new IoThread();
  private final OutboundWindow window = new OutboundWindow(2);

  private OutboundPublish publish(String topic, Qos qos) {
    Message message = Message.builder().topic(topic).qos(qos).build();
    return new OutboundPublish(message, new DeliveryImpl(ioThread, message));
  }

  @Test void refusesWorkUntilOpened() {
    NotConnectedException e = assertThrows(NotConnectedException.class,
        () -> window.admit(publish("a", Qos.AT_LEAST_ONCE), 10, false));
    assertTrue(e.getMessage().contains("connect()"), e.getMessage());
  }

  @Test void fullWindowTimesOutNamingTheCapacity() throws Exception {
    window.open();
    assertTrue(window.admit(publish("a", Qos.AT_LEAST_ONCE), 10, false));
    assertTrue(window.admit(publish("b", Qos.AT_LEAST_ONCE), 10, false));
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class,
        () -> window.admit(publish("c", Qos.AT_LEAST_ONCE), 50, false));
    assertTrue(e.getMessage().contains("in-flight window full (2 messages"), e.getMessage());
  }

  @Test void waitingPublisherProceedsWhenAnAckMakesRoom() throws Exception {
    window.open();
    OutboundPublish first = publish("a", Qos.AT_LEAST_ONCE);
    window.admit(first, 10, false);
    window.admit(publish("b", Qos.AT_LEAST_ONCE), 10, false);
    CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
      try {
        return window.admit(publish("c", Qos.AT_LEAST_ONCE), 10_000, false);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertFalse(third.isDone());
    List<OutboundPublish> promoted = new ArrayList<>();
    assertSame(first, window.acknowledged(first.packetId, OutboundPublish.Stage.AWAITING_PUBACK, promoted));
    assertTrue(third.get(5, TimeUnit.SECONDS));
    assertTrue(promoted.isEmpty());
  }

  @Test void ioThreadNeverWaitsItsMessageOverflowsAndIsPromotedByAnAck() throws Exception {
    window.open();
    OutboundPublish first = publish("a", Qos.AT_LEAST_ONCE);
    window.admit(first, 10, true);
    window.admit(publish("b", Qos.AT_LEAST_ONCE), 10, true);
    OutboundPublish third = publish("c", Qos.EXACTLY_ONCE);
    assertFalse(window.admit(third, 10, true));
    List<OutboundPublish> promoted = new ArrayList<>();
    window.acknowledged(first.packetId, OutboundPublish.Stage.AWAITING_PUBACK, promoted);
    assertEquals(1, promoted.size());
    assertSame(third, promoted.get(0));
    assertEquals(OutboundPublish.Stage.AWAITING_PUBREC, third.stage);
  }

  @Test void qos2MovesFromPubrecToPubcompAndWrongStagesAreIgnored() throws Exception {
    window.open();
    OutboundPublish qos2 = publish("a", Qos.EXACTLY_ONCE);
    window.admit(qos2, 10, false);
    List<OutboundPublish> promoted = new ArrayList<>();
    assertNull(window.acknowledged(qos2.packetId, OutboundPublish.Stage.AWAITING_PUBACK, promoted));
    assertNull(window.acknowledged(qos2.packetId, OutboundPublish.Stage.AWAITING_PUBCOMP, promoted));
    assertTrue(window.received(qos2.packetId));
    assertFalse(window.received(qos2.packetId));
    assertSame(qos2, window.acknowledged(qos2.packetId, OutboundPublish.Stage.AWAITING_PUBCOMP, promoted));
  }

  @Test void closeHandsBackEverythingWaitingAndRefusesMore() throws Exception {
    window.open();
    OutboundPublish a = publish("a", Qos.AT_LEAST_ONCE);
    window.admit(a, 10, false);
    CompletionImpl<Void> request = new CompletionImpl<>(ioThread, "UNSUBSCRIBE from [x]");
    window.request(false, List.of("x"), request);
    List<Outcome<?, ?>> waiting = window.close("not connected: test");
    assertEquals(List.of(a.delivery, request), waiting);
    NotConnectedException e = assertThrows(NotConnectedException.class,
        () -> window.admit(publish("b", Qos.AT_LEAST_ONCE), 10, false));
    assertEquals("not connected: test", e.getMessage());
  }
}
