package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client refuses before touching the network. */
class ClientArgumentsTest {
  private final MqttClient client =
      new MqttClient(MqttOptions.builder().serverUri("tcp://127.0.0.1:1").build());

  @Test void topicNamesWithWildcardsOrEmptyAreRefusedWithTheTopic() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.publish("a/+/b", new byte[0], Qos.AT_MOST_ONCE, false));
    assertTrue(e.getMessage().contains("a/+/b"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> client.publish("", new byte[0], Qos.AT_LEAST_ONCE, false));
  }

  @Test void payloadTooLargeForMqttIsRefusedUpFront() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.publish("t", new byte[268_435_455], Qos.AT_LEAST_ONCE, false));
    assertTrue(e.getMessage().contains("268435455 bytes"), e.getMessage());
  }

  @Test void badFiltersAreRefusedWithTheFilter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.subscribe("a/#/b", Qos.AT_MOST_ONCE, m -> { }));
    assertTrue(e.getMessage().contains("a/#/b"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> client.unsubscribe("sport+"));
    assertThrows(IllegalArgumentException.class,
        () -> client.subscribe(Collections.<Subscription>emptyList()));
  }

  @Test void operationsBeforeConnectSayToConnect() {
    NotConnectedException e = assertThrows(NotConnectedException.class,
        () -> client.subscribe("t", Qos.AT_MOST_ONCE, m -> { }));
    assertTrue(e.getMessage().contains("call connect() first"), e.getMessage());
    assertThrows(NotConnectedException.class, () -> client.unsubscribeAsync(List.of("t")));
  }

  @Test void closedClientCannotBeReused() throws Exception {
    client.close();
    client.close();
    client.disconnect();
    IllegalStateException e = assertThrows(IllegalStateException.class, client::connect);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test void refusedTcpConnectionNamesHostAndPort() {
    BrokerUnreachableException e = assertThrows(BrokerUnreachableException.class, client::connect);
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    assertTrue(e.port() == 1 && e.host().equals("127.0.0.1"));
  }
}
