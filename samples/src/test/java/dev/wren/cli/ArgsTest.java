package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Qos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgsTest {
  @TempDir Path dir;

  private static CliOptions pub(String... words) throws CliException {
    return Args.parse(Args.Cmd.PUB, List.of(words));
  }

  private static CliOptions sub(String... words) throws CliException {
    return Args.parse(Args.Cmd.SUB, List.of(words));
  }

  private static String error(Args.Cmd cmd, String... words) {
    CliException e = assertThrows(CliException.class, () -> Args.parse(cmd, List.of(words)));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test void defaults() throws CliException {
    CliOptions o = pub("-t", "a", "-m", "x");
    assertEquals("localhost", o.hostOrDefault());
    assertEquals(1883, o.portOrDefault());
    assertEquals("tcp://localhost:1883", o.serverUri());
    assertEquals(Qos.AT_MOST_ONCE, o.qos);
    assertTrue(o.cleanSession);
    assertEquals(60, o.keepAliveSeconds);
    assertEquals(30, o.timeoutSeconds);
    assertFalse(o.retain);
    assertNull(o.clientId);
    assertFalse(o.brokerGiven());
  }

  @Test void everyPubFlag() throws CliException {
    CliOptions o = pub("-h", "broker.example", "-p", "1884", "-t", "a/b", "-m", "hello",
        "-q", "2", "-r", "-i", "me", "-c", "-k", "10", "-u", "user", "-P", "secret",
        "--timeout", "7", "--will-topic", "w/t", "--will-payload", "bye", "--will-qos", "1",
        "--will-retain");
    assertEquals("tcp://broker.example:1884", o.serverUri());
    assertEquals(List.of("a/b"), o.topics);
    assertEquals(CliOptions.PayloadKind.MESSAGE, o.payloadKind);
    assertEquals("hello", o.message);
    assertEquals(Qos.EXACTLY_ONCE, o.qos);
    assertTrue(o.retain);
    assertEquals("me", o.clientId);
    assertFalse(o.cleanSession);
    assertEquals(10, o.keepAliveSeconds);
    assertEquals("user", o.username);
    assertEquals("secret", o.password);
    assertEquals(7, o.timeoutSeconds);
    assertEquals("w/t", o.willTopic);
    assertEquals("bye", o.willPayload);
    assertEquals(Qos.AT_LEAST_ONCE, o.willQos);
    assertTrue(o.willRetain);
    assertTrue(o.brokerGiven());
  }

  @Test void longFormsAndEqualsValues() throws CliException {
    CliOptions o = pub("--host=h", "--port", "2000", "--topic=t", "--message=a=b", "--qos=1",
        "--retain", "--id", "x", "--keepalive=0", "--username", "u", "--pw", "p");
    assertEquals("tcp://h:2000", o.serverUri());
    assertEquals("a=b", o.message);
    assertEquals(Qos.AT_LEAST_ONCE, o.qos);
    assertEquals(0, o.keepAliveSeconds);
  }

  @Test void payloadFlags() throws CliException, IOException {
    Path file = Files.write(dir.resolve("p.bin"), new byte[] {1, 2, 3});
    assertEquals(CliOptions.PayloadKind.FILE, pub("-t", "a", "-f", file.toString()).payloadKind);
    assertEquals(file, pub("-t", "a", "-f", file.toString()).file);
    assertEquals(CliOptions.PayloadKind.LINES, pub("-t", "a", "-l").payloadKind);
    assertEquals(CliOptions.PayloadKind.STDIN, pub("-t", "a", "-s").payloadKind);
    assertEquals(CliOptions.PayloadKind.NULL, pub("-t", "a", "-n").payloadKind);
  }

  @Test void everySubFlag() throws CliException {
    CliOptions o = sub("-t", "a/#", "-t", "b/+", "-q", "1", "-C", "3", "-W", "5", "-v", "-N",
        "-i", "s", "-c", "--will-topic", "gone");
    assertEquals(List.of("a/#", "b/+"), o.topics);
    assertEquals(Qos.AT_LEAST_ONCE, o.qos);
    assertEquals(3, o.count);
    assertEquals(5, o.waitSeconds);
    assertTrue(o.verbose);
    assertTrue(o.noNewline);
  }

  @Test void urlGivesHostPortTopicAndCredentials() throws CliException {
    CliOptions o = sub("-L", "mqtt://bob:pw@example.org:1999/sensors/#");
    assertEquals("tcp://example.org:1999", o.serverUri());
    assertEquals(List.of("sensors/#"), o.topics);
    assertEquals("bob", o.username);
    assertEquals("pw", o.password);
    CliOptions p = pub("-L", "tcp://127.0.0.1/a/b", "-m", "x");
    assertEquals("tcp://127.0.0.1:1883", p.serverUri());
    assertEquals(List.of("a/b"), p.topics);
    CliOptions both = sub("-L", "mqtt://h/x", "-t", "y");
    assertEquals(List.of("y", "x"), both.topics);
    assertEquals("tcp://[::1]:1883", sub("-L", "mqtt://[::1]/t").serverUri());
  }

  @Test void badValuesNameFlagAndValue() {
    assertEquals("-p 70000: must be 1..65535", error(Args.Cmd.PUB, "-p", "70000"));
    assertEquals("-p abc: not a number", error(Args.Cmd.PUB, "-p", "abc"));
    assertEquals("-q 3: QoS must be 0, 1 or 2", error(Args.Cmd.SUB, "-q", "3"));
    assertEquals("-k -1: must be 0..65535", error(Args.Cmd.SUB, "-k", "-1"));
    assertEquals("-C 0: must be 1..2147483647", error(Args.Cmd.SUB, "-C", "0"));
    assertEquals("-W x: not a number", error(Args.Cmd.SUB, "-W", "x"));
    assertEquals("--will-qos 5: QoS must be 0, 1 or 2",
        error(Args.Cmd.SUB, "--will-qos", "5"));
    assertEquals("-f /no/such/file: no such file",
        error(Args.Cmd.PUB, "-t", "a", "-f", "/no/such/file"));
    assertTrue(error(Args.Cmd.PUB, "-L", "http://h/t").contains("http"));
    assertTrue(error(Args.Cmd.PUB, "-L", "mqtt://h:99999/t").contains("99999"));
    assertTrue(error(Args.Cmd.PUB, "-L", "localhost").contains("'localhost'"));
  }

  @Test void missingAndMisplacedFlags() {
    assertTrue(error(Args.Cmd.PUB, "-t").startsWith("-t needs a value"));
    assertTrue(error(Args.Cmd.PUB, "-h").contains("--help"));
    assertTrue(error(Args.Cmd.PUB, "-Z").contains("unknown flag -Z"));
    assertTrue(error(Args.Cmd.PUB, "--bogus=1").contains("--bogus=1"));
    assertTrue(error(Args.Cmd.PUB, "-C", "1").contains("-C is not a flag of wren pub"));
    assertTrue(error(Args.Cmd.SUB, "-m", "x").contains("-m is not a flag of wren sub"));
    assertTrue(error(Args.Cmd.DEMO, "-t", "x").contains("-t is not a flag of wren demo"));
    assertTrue(error(Args.Cmd.PUB, "-t", "a", "hello").contains("'hello'"));
    assertTrue(error(Args.Cmd.PUB, "--retain=yes").contains("takes no value"));
  }

  @Test void combinationRules() {
    assertTrue(error(Args.Cmd.PUB, "-m", "x").contains("needs a topic"));
    assertTrue(error(Args.Cmd.PUB, "-t", "a").contains("needs a payload"));
    assertTrue(error(Args.Cmd.PUB, "-t", "a", "-m", "x", "-n").contains("only one of"));
    assertTrue(error(Args.Cmd.PUB, "-t", "a", "-t", "b", "-m", "x").contains("one topic"));
    assertTrue(error(Args.Cmd.PUB, "-L", "mqtt://h/x", "-t", "y", "-m", "m")
        .contains("use one"));
    assertTrue(error(Args.Cmd.SUB).contains("needs at least one topic"));
    assertTrue(error(Args.Cmd.SUB, "-t", "a", "-c").contains("-c needs a client id"));
    assertTrue(error(Args.Cmd.SUB, "-t", "a", "-P", "p").contains("-P needs -u"));
    assertTrue(error(Args.Cmd.SUB, "-t", "a", "--will-payload", "x")
        .contains("need --will-topic"));
    assertTrue(error(Args.Cmd.SUB, "-t", "a", "-L", "mqtt://h", "-p", "1")
        .contains("both name the broker"));
  }

  @Test void helpStopsParsing() throws CliException {
    assertTrue(pub("-q", "1", "--help", "-q", "9").help);
  }

  @Test void flagSetsPerCommand() {
    assertTrue(Args.flagsOf(Args.Cmd.PUB).containsAll(List.of("-h", "-p", "-L", "-t", "-m", "-f",
        "-l", "-n", "-q", "-r", "-i", "-c", "-k", "-u", "-P", "--will-topic", "--will-payload",
        "--will-qos", "--will-retain")));
    assertTrue(Args.flagsOf(Args.Cmd.SUB).containsAll(List.of("-t", "-C", "-W", "-v", "-N")));
    assertFalse(Args.flagsOf(Args.Cmd.SUB).contains("-m"));
    assertFalse(Args.flagsOf(Args.Cmd.PUB).contains("-C"));
  }
}
