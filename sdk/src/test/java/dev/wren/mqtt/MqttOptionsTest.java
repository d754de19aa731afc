package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MqttOptionsTest {
  private static void assertRefused(Class<? extends RuntimeException> type, String fragment,
      Executable executable) {
    RuntimeException e = assertThrows(type, executable);
    assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
  }

  @Test void defaults() {
    MqttOptions options = MqttOptions.builder().serverUri("tcp://broker.example").build();
    assertEquals("broker.example", options.host());
    assertEquals(1883, options.port());
    assertEquals("", options.clientId());
    assertTrue(options.cleanSession());
    assertEquals(60, options.keepAliveSeconds());
    assertEquals(30_000, options.pingTimeoutMillis());
    assertEquals(30_000, options.connectTimeoutMillis());
    assertEquals(1024 * 1024, options.maxInboundPacketSize());
    assertEquals(10, options.maxInflight());
    assertNull(options.will());
    assertNull(options.password());
  }

  @Test void uriForms() {
    assertEquals(1884, MqttOptions.builder().serverUri("tcp://localhost:1884").build().port());
    MqttOptions v6 = MqttOptions.builder().serverUri("tcp://[::1]:1885").build();
    assertEquals("::1", v6.host());
    assertEquals(1885, v6.port());
    assertEquals(1883, MqttOptions.builder().serverUri("TCP://h/").build().port());
  }

  @Test void badUrisNameTheUriAndWhatIsWrong() {
    assertRefused(IllegalArgumentException.class, "known schemes: tcp",
        () -> MqttOptions.builder().serverUri("http://localhost"));
    assertRefused(IllegalArgumentException.class, "no scheme: localhost:1883",
        () -> MqttOptions.builder().serverUri("localhost:1883"));
    assertRefused(IllegalArgumentException.class, "no host: tcp://:1883",
        () -> MqttOptions.builder().serverUri("tcp://:1883"));
    assertRefused(IllegalArgumentException.class, "not a URI: tcp://a b",
        () -> MqttOptions.builder().serverUri("tcp://a b"));
    assertRefused(IllegalArgumentException.class, "takes no path",
        () -> MqttOptions.builder().serverUri("tcp://localhost/mqtt"));
    assertRefused(IllegalStateException.class, "serverUri not set",
        () -> MqttOptions.builder().build());
  }

  @Test void badNumbersNameTheValue() {
    assertRefused(IllegalArgumentException.class, "keepAliveSeconds must be 0..65535: -1",
        () -> MqttOptions.builder().keepAliveSeconds(-1));
    assertRefused(IllegalArgumentException.class, "65536",
        () -> MqttOptions.builder().keepAliveSeconds(65536));
    assertRefused(IllegalArgumentException.class, "maxInflight must be 1..65535: 0",
        () -> MqttOptions.builder().maxInflight(0));
    assertRefused(IllegalArgumentException.class, "maxInboundPacketSize must be 2..268435460: 1",
        () -> MqttOptions.builder().maxInboundPacketSize(1));
    assertRefused(IllegalArgumentException.class, "connectTimeout must be at least 1 ms: 0 SECONDS",
        () -> MqttOptions.builder().connectTimeout(0, TimeUnit.SECONDS));
    assertRefused(IllegalArgumentException.class, "pingTimeout must be at least 1 ms: 10 MICROSECONDS",
        () -> MqttOptions.builder().pingTimeout(10, TimeUnit.MICROSECONDS));
  }

  @Test void emptyClientIdNeedsACleanSession() {
    assertRefused(IllegalStateException.class, "empty clientId needs cleanSession(true)",
        () -> MqttOptions.builder().serverUri("tcp://h").cleanSession(false).build());
    assertFalse(MqttOptions.builder().serverUri("tcp://h").clientId("a").cleanSession(false).build()
        .cleanSession());
  }

  @Test void badStringsAreRefusedWhenSet() {
    assertRefused(IllegalArgumentException.class, "clientId",
        () -> MqttOptions.builder().clientId("a\u0000b"));
    assertRefused(IllegalArgumentException.class, "username",
        () -> MqttOptions.builder().username("\ud800"));
    assertRefused(IllegalArgumentException.class, "password is 65536 bytes",
        () -> MqttOptions.builder().password(new byte[65536]));
    assertRefused(IllegalStateException.class, "password only with a username",
        () -> MqttOptions.builder().serverUri("tcp://h").password("secret").build());
  }

  @Test void willTopicFollowsTopicNameRules() {
    Will wildcard = Will.builder().topic("status/#").payload("gone").build();
    assertRefused(IllegalArgumentException.class, "status/#",
        () -> MqttOptions.builder().will(wildcard));
    assertRefused(IllegalArgumentException.class, "will payload is 65536 bytes",
        () -> Will.builder().payload(new byte[65536]));
  }

  @Test void passwordNeverInToStringAndCopiedInAndOut() {
    byte[] secret = "hunter2".getBytes();
    MqttOptions options = MqttOptions.builder().serverUri("tcp://h").username("u").password(secret).build();
    secret[0] = 'X';
    assertArrayEquals("hunter2".getBytes(), options.password());
    options.password()[0] = 'Y';
    assertArrayEquals("hunter2".getBytes(), options.password());
    assertFalse(options.toString().contains("hunter2"), options.toString());
    assertTrue(options.toString().contains("password=<hidden>"), options.toString());
  }

  @Test void toBuilderCopiesEverything() {
    Will will = Will.builder().topic("w").payload("bye").qos(Qos.AT_LEAST_ONCE).retain(true).build();
    MqttOptions original = MqttOptions.builder().serverUri("tcp://h:1").clientId("c").cleanSession(false)
        .keepAliveSeconds(5).username("u").password("p").will(will).maxInflight(7).build();
    MqttOptions copy = original.toBuilder().build();
    assertEquals(original.toString(), copy.toString());
    assertEquals(will, copy.will());
    assertEquals(2_500, copy.pingTimeoutMillis());
  }

  @Test void callerWritesAndTheSocketFactoryDefaultAndCopy() {
    MqttOptions defaults = MqttOptions.builder().serverUri("tcp://h").build();
    assertTrue(defaults.callerWrites());
    assertEquals(javax.net.SocketFactory.getDefault(), defaults.socketFactory());
    assertFalse(defaults.toString().contains("callerWrites"), defaults.toString());

    javax.net.SocketFactory factory = new dev.wren.mqtt.testing.WriteThreads();
    MqttOptions off = defaults.toBuilder().callerWrites(false).socketFactory(factory).build();
    assertFalse(off.callerWrites());
    assertEquals(factory, off.socketFactory());
    assertTrue(off.toString().contains("callerWrites=false"), off.toString());
    assertTrue(off.toString().contains("socketFactory=dev.wren.mqtt.testing.WriteThreads"), off.toString());
    MqttOptions copy = off.toBuilder().build();
    assertFalse(copy.callerWrites());
    assertEquals(factory, copy.socketFactory());
    assertEquals(javax.net.SocketFactory.getDefault(),
        copy.toBuilder().socketFactory(null).build().socketFactory(), "null restores the default");
  }
}
