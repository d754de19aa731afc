package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.ConnectionRefusedException;
import dev.wren.mqtt.DisconnectedByBrokerException;
import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.PublishFailedException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.UserProperty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT 5.0 flags without a broker: {@code -V}, {@code -x}, {@code -D} as mosquitto_pub/sub
 * 2.0.11 spell and check them, what they set in the SDK's options and messages, and each refusal
 * naming the flag and the value at fault, before connecting.
 */
class Mqtt5ArgsTest {
  @TempDir Path dir;

  private static CliOptions parse(Args.Cmd cmd, String... words) throws CliException {
    return Args.parse(cmd, List.of(words));
  }

  private static CliOptions pub(String... words) throws CliException {
    List<String> all = new ArrayList<>(List.of("-t", "a/b", "-m", "x"));
    all.addAll(Arrays.asList(words));
    return Args.parse(Args.Cmd.PUB, all);
  }

  private static String error(Args.Cmd cmd, String... words) {
    List<String> all = new ArrayList<>(List.of("-t", "a/b"));
    if (cmd == Args.Cmd.PUB) all.addAll(List.of("-m", "x"));
    all.addAll(Arrays.asList(words));
    CliException e = assertThrows(CliException.class, () -> Args.parse(cmd, all));
    assertEquals(ExitCodes.USAGE, e.exitCode(), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  private static void assertHas(String message, String... parts) {
    for (String part : parts) assertTrue(message.contains(part), "'" + part + "' in: " + message);
  }

  @Test void dashVSelectsTheVersionForPubSubAndGateway() throws CliException {
    for (String v : List.of("mqttv5", "5", "MQTTV5")) {
      assertEquals(ProtocolVersion.MQTT_5_0, pub("-V", v).protocolVersion, v);
    }
    for (String v : List.of("mqttv311", "311")) {
      assertEquals(ProtocolVersion.MQTT_3_1_1, pub("-V", v).protocolVersion, v);
    }
    assertEquals(ProtocolVersion.MQTT_3_1_1, pub().protocolVersion, "3.1.1 by default");
    assertEquals(ProtocolVersion.MQTT_5_0, parse(Args.Cmd.SUB, "-t", "a/#",
        "--protocol-version", "mqttv5").protocolVersion);
    CliOptions gw = parse(Args.Cmd.GATEWAY, "--queue-dir", dir.resolve("q").toString(), "-V",
        "5");
    assertEquals(ProtocolVersion.MQTT_5_0,
        QueueSetup.options(gw, new ClientEvents(), QueueSetup.RECONNECT).protocolVersion());
    assertEquals(ProtocolVersion.MQTT_5_0,
        ClientSetup.options(pub("-V", "5"), "wren-pub").protocolVersion());
  }

  @Test void mqtt31AndUnknownVersionsAreRefusedWithTheReason() {
    assertHas(error(Args.Cmd.PUB, "-V", "mqttv31"), "-V mqttv31", "MQTT 3.1 is not supported",
        "3.1.1", "5.0");
    assertHas(error(Args.Cmd.SUB, "-V", "31"), "-V 31", "MQTT 3.1 is not supported");
    assertHas(error(Args.Cmd.PUB, "-V", "6"), "-V '6'", "not a protocol version");
  }

  @Test void dashXSetsTheSessionExpiryOn5Only() throws CliException {
    MqttOptions o = ClientSetup.options(pub("-V", "5", "-x", "120"), "wren-pub");
    assertEquals(120, o.sessionExpirySeconds());
    assertEquals(4_294_967_295L, pub("-V", "5", "-x", "-1").sessionExpirySeconds);
    assertEquals(4_294_967_295L, pub("-V", "5", "-x", "\u221e").sessionExpirySeconds);
    assertEquals(0, pub("-V", "5", "-x", "0").sessionExpirySeconds);
    assertHas(error(Args.Cmd.PUB, "-x", "120"), "-x 120", "-V mqttv5");
    assertHas(error(Args.Cmd.SUB, "-V", "311", "-x", "120"), "-x 120", "-V mqttv5");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-x", "soon"), "-x 'soon'", "0..4294967295");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-x", "4294967296"), "-x '4294967296'");
  }

  @Test void dashDPublishPropertiesGoOnTheMessage() throws CliException {
    CliOptions o = pub("-V", "mqttv5", "-D", "publish", "user-property", "k", "v",
        "-D", "publish", "user-property", "k", "v 2", "-D", "publish", "content-type",
        "text/plain", "-D", "publish", "response-topic", "r/t", "-D", "publish",
        "correlation-data", "id-1", "-D", "publish", "payload-format-indicator", "1",
        "--property", "publish", "message-expiry-interval", "30");
    Message m = Mqtt5Flags.publish(Message.builder(), o).topic("a/b").qos(Qos.AT_MOST_ONCE)
        .build();
    assertEquals(List.of(UserProperty.of("k", "v"), UserProperty.of("k", "v 2")),
        m.userProperties());
    assertEquals("text/plain", m.contentType());
    assertEquals("r/t", m.responseTopic());
    assertEquals("id-1", new String(m.correlationData(), StandardCharsets.UTF_8));
    assertTrue(m.payloadFormatUtf8());
    assertEquals(30_000, m.expiresAfterMillis());
  }

  @Test void dashDWithoutDashVSelects5AsMosquittoDoes() throws CliException {
    // mosquitto_pub 2.0.11 -D publish user-property k v ... connects with MQTT 5.0 (its broker
    // logs p5); with -V 311 given as well wren refuses instead of choosing one silently.
    assertEquals(ProtocolVersion.MQTT_5_0,
        pub("-D", "publish", "user-property", "k", "v").protocolVersion);
    assertHas(error(Args.Cmd.PUB, "-V", "311", "-D", "publish", "user-property", "k", "v"),
        "-D publish user-property 'k v'", "-V mqttv5", "-V 311");
    assertHas(error(Args.Cmd.PUB, "-D", "publish", "content-type", "t", "-V", "mqttv311"),
        "-D publish content-type 't'", "-V mqttv311");
  }

  @Test void dashDConnectAndWillPropertiesGoOnTheOptions() throws CliException {
    MqttOptions o = ClientSetup.options(pub("-V", "5", "-D", "connect", "receive-maximum", "10",
        "-D", "connect", "topic-alias-maximum", "5", "-D", "connect", "maximum-packet-size",
        "4096", "-D", "connect", "request-problem-information", "0", "-D", "connect",
        "user-property", "site", "lab", "-D", "connect", "session-expiry-interval", "60",
        "--will-topic", "w/t", "-D", "will", "will-delay-interval", "7", "-D", "will",
        "content-type", "text/plain", "-D", "will", "message-expiry-interval", "9"),
        "wren-pub");
    assertEquals(10, o.receiveMaximum());
    assertEquals(5, o.topicAliasMaximum());
    assertEquals(4096, o.maxInboundPacketSize());
    assertEquals(false, o.requestProblemInformation());
    assertEquals(List.of(UserProperty.of("site", "lab")), o.userProperties());
    assertEquals(60, o.sessionExpirySeconds());
    assertEquals(7, o.will().delaySeconds());
    assertEquals(9, o.will().expirySeconds());
    assertEquals("text/plain", o.will().contentType());
  }

  @Test void identifiersTheSdkCannotSendYetAreRefusedByName() {
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "topic-alias", "3"),
        "-D publish topic-alias", "not supported yet");
    assertHas(error(Args.Cmd.SUB, "-V", "5", "-D", "subscribe", "subscription-identifier", "3"),
        "-D subscribe subscription-identifier", "not supported yet");
    assertHas(error(Args.Cmd.SUB, "-V", "5", "-D", "subscribe", "user-property", "a", "b"),
        "-D subscribe user-property", "not supported yet");
    assertHas(error(Args.Cmd.SUB, "-V", "5", "-D", "unsubscribe", "user-property", "a", "b"),
        "-D unsubscribe user-property", "not supported yet");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "disconnect", "user-property", "a", "b"),
        "-D disconnect user-property", "not supported yet");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "disconnect", "session-expiry-interval", "0"),
        "-D disconnect session-expiry-interval", "not supported yet");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "connect", "authentication-method", "SCRAM"),
        "-D connect authentication-method", "not supported yet");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "connect", "authentication-data", "x"),
        "-D connect authentication-data", "not supported yet");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "connect", "request-response-information",
        "1"), "-D connect request-response-information", "not supported yet");
  }

  @Test void badDashDWordsAreRefusedAsMosquittoRefusesThem() {
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "bogus", "content-type", "x"), "-D 'bogus'",
        "not a command");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "foo", "v"), "-D publish 'foo'",
        "not an MQTT 5.0 property");
    // mosquitto_pub: "receive-maximum property not allowed for publish"
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "receive-maximum", "3"),
        "-D publish receive-maximum", "not a property of publish", "connect");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "subscription-identifier", "3"),
        "-D publish subscription-identifier", "not a property of publish");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "connect", "maximum-qos", "1"),
        "-D connect maximum-qos", "the broker sends it");
    // mosquitto_pub: "Property value (70000) out of range for property receive-maximum."
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "connect", "receive-maximum", "70000"),
        "-D connect receive-maximum '70000'", "out of range");
    // mosquitto_pub takes "abc" as 0 (atoi); wren says it is not a number.
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "message-expiry-interval", "abc"),
        "-D publish message-expiry-interval 'abc'", "takes a number");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "message-expiry-interval", "0"),
        "-D publish message-expiry-interval '0'");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "payload-format-indicator", "2"),
        "-D publish payload-format-indicator '2'", "0 or 1");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "user-property", "k"),
        "-D needs COMMAND user-property NAME VALUE");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "content-type"),
        "-D needs COMMAND IDENTIFIER VALUE");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "will", "content-type", "x"),
        "-D will content-type 'x'", "--will-topic");
    assertHas(error(Args.Cmd.SUB, "-V", "5", "-D", "publish", "content-type", "x"),
        "-D publish content-type 'x'", "wren sub sends no PUBLISH");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-D", "publish", "message-expiry-interval", "5",
        "--expiry", "5", "--queue-dir", dir.resolve("q").toString(), "-q", "1"),
        "message-expiry-interval", "--expiry 5", "use one");
    assertHas(error(Args.Cmd.PUB, "-V", "5", "-x", "5", "-D", "connect",
        "session-expiry-interval", "5"), "-x 5", "use one");
  }

  @Test void expiryWithoutAQueueNeeds5() throws CliException {
    CliOptions o = pub("-V", "5", "--expiry", "30");
    assertEquals(30_000, Mqtt5Flags.publish(Message.builder(), o).topic("a").build()
        .expiresAfterMillis());
    assertHas(error(Args.Cmd.PUB, "--expiry", "30"), "--expiry needs --queue-dir DIR",
        "-V mqttv5");
  }

  @Test void theEmbeddedDemoBrokerSpeaks311Only() throws CliException {
    CliException e = assertThrows(CliException.class, () -> parse(Args.Cmd.DEMO, "-V", "5"));
    assertHas(e.getMessage(), "-V 5", "Moquette 0.17", "3.1.1 only", "-h/-p or -L");
    assertEquals(ProtocolVersion.MQTT_5_0, parse(Args.Cmd.DEMO, "-h", "broker", "-V",
        "mqttv5").protocolVersion);
  }

  @Test void aPasswordWithoutAUserNameIsAllowedOn5() throws CliException {
    assertEquals("pw", pub("-V", "5", "-P", "pw").password);
    assertHas(error(Args.Cmd.PUB, "-P", "pw"), "-P needs -u");
  }

  @Test void anExpiredQueuedMessageIsOneLineOnStderr() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientEvents events = new ClientEvents();
    events.reportExpiredTo(new PrintStream(err, true, StandardCharsets.UTF_8));
    events.messageDropped(Message.of("s/1", "x", Qos.AT_LEAST_ONCE, false),
        "expired: its deadline passed 5 ms before it could be sent");
    events.messageDropped(Message.of("s/1", "x", Qos.AT_MOST_ONCE, false), "offline");
    assertEquals("wren: dropped a message to 's/1' as expired (its deadline passed 5 ms before it"
        + " could be sent)\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test void mqtt5FailuresReachTheUserWithTheReasonCodeInWords() {
    PublishFailedException refused = new PublishFailedException("a/b", "PUBACK", 0x87,
        "no\nway");
    CliException e = Errors.fromMqtt(refused, "publishing to 'a/b'");
    assertEquals("broker refused the message on 'a/b': PUBACK reason code 0x87 Not authorized:"
        + " \"no way\"", e.getMessage());
    CliException lost = Errors.fromMqtt(new DisconnectedByBrokerException("tcp://h:1883", 0x8E,
        null, null), "subscribing");
    assertHas(lost.getMessage(), "0x8E", "Session taken over");
    assertEquals(ExitCodes.CONNECTION_LOST, lost.exitCode());
    CliException connack = Errors.fromMqtt(new ConnectionRefusedException(0x86,
        "bad user name or password"), "connecting");
    assertEquals(ExitCodes.REFUSED, connack.exitCode());
    assertHas(connack.getMessage(), "bad user name or password", "reason code 0x86");
  }
}
