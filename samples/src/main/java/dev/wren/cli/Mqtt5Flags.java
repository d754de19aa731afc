package dev.wren.cli;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.ProtocolVersion;
import dev.wren.mqtt.Will;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * mosquitto_pub/sub's MQTT 5.0 flags: {@code -V}, {@code -x} and {@code -D COMMAND IDENTIFIER
 * VALUE}. Each -D is checked as mosquitto checks it (the command, the identifier, whether the
 * identifier goes with the command, the value's range), then against what the SDK can send: an
 * identifier the SDK has no option for yet is refused, before connecting, with its name. As in
 * mosquitto_pub 2.0, {@code -D} without {@code -V} selects MQTT 5.0. Stateless.
 */
final class Mqtt5Flags {
  /** A -D COMMAND IDENTIFIER VALUE [VALUE], checked. */
  static final class Property {
    final String command;
    final String identifier;
    /** One value, or two for user-property (name, value). */
    final List<String> values;
    /** The words as given, for messages: "-D publish content-type text/plain". */
    final String text;
    /** The value as a number, for the numeric identifiers. */
    final long number;

    Property(String command, String identifier, List<String> values, String text, long number) {
      this.command = command;
      this.identifier = identifier;
      this.values = values;
      this.text = text;
      this.number = number;
    }

    String value() {
      return values.get(0);
    }
  }

  private enum Type { BYTE, INT16, INT32, VARINT, STRING, BINARY, PAIR }

  private static final Set<String> COMMANDS = new java.util.LinkedHashSet<>(Arrays.asList(
      "connect", "publish", "subscribe", "unsubscribe", "disconnect", "will", "auth"));

  private Mqtt5Flags() {
  }

  /** -V / --protocol-version, as mosquitto spells it. */
  static void protocolVersion(CliOptions o, String flag, String value) throws CliException {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "mqttv311": case "311":
        o.protocolVersion = ProtocolVersion.MQTT_3_1_1;
        break;
      case "mqttv5": case "5":
        o.protocolVersion = ProtocolVersion.MQTT_5_0;
        break;
      case "mqttv31": case "31":
        throw CliException.usage(flag + " " + value + ": MQTT 3.1 is not supported; wren speaks"
            + " MQTT 3.1.1 (-V mqttv311) and 5.0 (-V mqttv5); brokers that speak 3.1 also speak"
            + " 3.1.1");
      default:
        throw CliException.usage(flag + " " + Errors.quote(value) + ": not a protocol version;"
            + " use mqttv5 (5) or mqttv311 (311)");
    }
    o.protocolFlag = flag + " " + value;
  }

  /** -x SECONDS: 0..4294967294, or -1, 4294967295 or ∞ for a session that does not expire. */
  static void sessionExpiry(CliOptions o, String flag, String value) throws CliException {
    long seconds;
    if (value.equals("\u221e") || value.equals("-1")) {
      seconds = 4_294_967_295L;
    } else {
      seconds = -2;
      try {
        seconds = Long.parseLong(value);
      } catch (NumberFormatException e) {
        // below
      }
      if (seconds < 0 || seconds > 4_294_967_295L) {
        throw CliException.usage(flag + " " + Errors.quote(value) + ": a session expiry interval"
            + " is 0..4294967295 seconds, or -1 or \u221e for a session that does not expire");
      }
    }
    o.sessionExpirySeconds = seconds;
    o.sessionExpiryFlag = flag + " " + value;
  }

  /** The words {@code -D} takes after it: 3, or 4 for user-property (NAME VALUE). */
  static int words(List<String> words, int at) {
    return at + 1 < words.size() && words.get(at + 1).equalsIgnoreCase("user-property") ? 4 : 3;
  }

  /**
   * Checks one {@code -D} as mosquitto does, then whether wren can send it.
   *
   * @param words COMMAND IDENTIFIER VALUE [VALUE]
   */
  static Property property(String flag, List<String> words) throws CliException {
    String command = words.get(0).toLowerCase(Locale.ROOT);
    String identifier = words.get(1).toLowerCase(Locale.ROOT);
    List<String> values = new ArrayList<>(words.subList(2, words.size()));
    String text = flag + " " + String.join(" ", words.subList(0, 2)) + " "
        + Errors.quote(String.join(" ", values));
    if (!COMMANDS.contains(command)) {
      throw CliException.usage(flag + " " + Errors.quote(words.get(0)) + ": not a command; -D"
          + " takes connect, publish, subscribe, unsubscribe, disconnect, will or auth, then the"
          + " property and its value");
    }
    Type type = type(identifier);
    if (type == null) {
      throw CliException.usage(flag + " " + command + " " + Errors.quote(words.get(1))
          + ": not an MQTT 5.0 property (e.g. user-property, content-type,"
          + " message-expiry-interval, session-expiry-interval)");
    }
    String allowedWith = allowedWith(identifier);
    if (!allowedWith.contains(command)) {
      throw CliException.usage(flag + " " + command + " " + identifier + ": " + identifier
          + " is not a property of " + command + (allowedWith.isEmpty()
          ? "; the broker sends it, not the client" : "; it goes with " + allowedWith));
    }
    long number = number(text, identifier, type, value0(values));
    String unsupported = unsupported(command, identifier);
    if (unsupported != null) {
      throw CliException.usage(flag + " " + command + " " + identifier + ": not supported yet ("
          + unsupported + ")");
    }
    return new Property(command, identifier, values, text, number);
  }

  private static String value0(List<String> values) {
    return values.get(0);
  }

  /** mosquitto's property names, by their types; null for a name it does not know. */
  private static Type type(String identifier) {
    switch (identifier) {
      case "payload-format-indicator": case "request-problem-information":
      case "request-response-information": case "maximum-qos": case "retain-available":
      case "wildcard-subscription-available": case "subscription-identifier-available":
      case "shared-subscription-available":
        return Type.BYTE;
      case "server-keep-alive": case "receive-maximum": case "topic-alias-maximum":
      case "topic-alias":
        return Type.INT16;
      case "message-expiry-interval": case "session-expiry-interval": case "will-delay-interval":
      case "maximum-packet-size":
        return Type.INT32;
      case "subscription-identifier":
        return Type.VARINT;
      case "content-type": case "response-topic": case "assigned-client-identifier":
      case "authentication-method": case "response-information": case "server-reference":
      case "reason-string":
        return Type.STRING;
      case "correlation-data": case "authentication-data":
        return Type.BINARY;
      case "user-property":
        return Type.PAIR;
      default:
        return null;
    }
  }

  /**
   * The client's commands {@code identifier} may go with, as mosquitto_property_check_command
   * and mosquitto_pub's -D check them ("" for those only a broker sends).
   */
  private static String allowedWith(String identifier) {
    switch (identifier) {
      case "payload-format-indicator": case "message-expiry-interval": case "content-type":
      case "response-topic": case "correlation-data":
        return "publish or will";
      case "subscription-identifier": return "subscribe";
      case "session-expiry-interval": return "connect or disconnect";
      case "authentication-method": case "authentication-data": return "connect or auth";
      case "will-delay-interval": return "will";
      case "request-problem-information": case "request-response-information":
      case "receive-maximum": case "topic-alias-maximum": case "maximum-packet-size":
        return "connect";
      case "server-reference": return "disconnect";
      case "reason-string": return "disconnect, will or auth";
      case "topic-alias": return "publish";
      case "user-property":
        return "connect, publish, subscribe, unsubscribe, disconnect, will or auth";
      default: return ""; // assigned-client-identifier, server-keep-alive, maximum-qos, ...
    }
  }

  /** Checks the value as mosquitto does, with one difference: a number must be a number. */
  private static long number(String text, String identifier, Type type, String value)
      throws CliException {
    long max;
    switch (type) {
      case BYTE: max = 255; break;
      case INT16: max = 65535; break;
      case INT32: max = 4_294_967_295L; break;
      case VARINT: max = 268_435_455; break;
      default:
        if (value.isEmpty() && type == Type.STRING && !identifier.equals("reason-string")) {
          throw CliException.usage(text + ": " + identifier + " needs a non-empty value");
        }
        return 0;
    }
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw CliException.usage(text + ": " + identifier + " takes a number, 0.." + max);
    }
    if (n < 0 || n > max) {
      throw CliException.usage(text + ": out of range for " + identifier + ", 0.." + max);
    }
    if ((identifier.equals("payload-format-indicator")
        || identifier.equals("request-problem-information")) && n > 1) {
      throw CliException.usage(text + ": " + identifier + " is 0 or 1");
    }
    return n;
  }

  /** Why wren cannot send {@code identifier} with {@code command} yet, or null when it can. */
  private static String unsupported(String command, String identifier) {
    switch (command) {
      case "subscribe":
        return identifier.equals("subscription-identifier")
            ? "the SDK has no subscription identifiers yet"
            : "the SDK sends no properties with SUBSCRIBE yet";
      case "unsubscribe": return "the SDK sends no properties with UNSUBSCRIBE yet";
      case "disconnect": return "the SDK sends no properties with DISCONNECT yet";
      case "auth": return "the SDK has no enhanced authentication (AUTH) yet";
      default: break;
    }
    switch (identifier) {
      case "authentication-method": case "authentication-data":
        return "the SDK has no enhanced authentication (AUTH) yet";
      case "request-response-information": return "the SDK has no request/response helper yet";
      case "topic-alias": return "the SDK sends no topic aliases yet";
      case "reason-string": return "the SDK sends no reason string yet";
      default: return null;
    }
  }

  /** Checks the MQTT 5.0 flags against the rest; called by {@link Args} after parsing. */
  static void validate(Args.Cmd cmd, CliOptions o) throws CliException {
    if (!o.properties.isEmpty()) {
      Property first = o.properties.get(0);
      if (o.protocolFlag != null && o.protocolVersion != ProtocolVersion.MQTT_5_0) {
        throw CliException.usage(first.text + ": MQTT 5.0 properties need -V mqttv5, not "
            + o.protocolFlag);
      }
      // mosquitto_pub/sub 2.0: -D alone selects MQTT 5.0.
      o.protocolVersion = ProtocolVersion.MQTT_5_0;
    }
    boolean v5 = o.protocolVersion == ProtocolVersion.MQTT_5_0;
    if (o.sessionExpiryFlag != null && !v5) {
      throw CliException.usage(o.sessionExpiryFlag + ": the session expiry interval is MQTT"
          + " 5.0's; add -V mqttv5 (MQTT 3.1.1 keeps a -c session until it is cleaned)");
    }
    for (Property p : o.properties) {
      Set<String> sends = cmd == Args.Cmd.PUB ? Set.of("connect", "publish", "will")
          : cmd == Args.Cmd.SUB ? Set.of("connect", "will") : Set.of("connect", "publish");
      if (!sends.contains(p.command)) {
        throw CliException.usage(p.text + ": wren " + o.command + " sends no "
            + p.command.toUpperCase(Locale.ROOT) + (p.command.equals("will")
            ? " (no --will-topic here)" : ""));
      }
      if (p.command.equals("will") && o.willTopic == null) {
        throw CliException.usage(p.text + ": a will property needs --will-topic");
      }
      if (p.identifier.equals("session-expiry-interval") && o.sessionExpiryFlag != null) {
        throw CliException.usage(p.text + " and " + o.sessionExpiryFlag + " both set the session"
            + " expiry interval; use one");
      }
      if (p.identifier.equals("message-expiry-interval") && p.command.equals("publish")) {
        if (o.expirySeconds > 0) {
          throw CliException.usage(p.text + " and --expiry " + o.expirySeconds + " both set"
              + " the message expiry; use one");
        }
        if (p.number == 0) {
          throw CliException.usage(p.text + ": a message expiry interval is 1..4294967295"
              + " seconds; leave it out for a message that does not expire");
        }
      }
    }
  }

  /** The CONNECT side: the version, -x and -D connect, onto {@code b}. */
  static void connect(MqttOptions.Builder b, CliOptions o) {
    if (o.protocolVersion != ProtocolVersion.MQTT_5_0) return;
    b.protocolVersion(ProtocolVersion.MQTT_5_0);
    if (o.sessionExpirySeconds != null) b.sessionExpiry(o.sessionExpirySeconds, TimeUnit.SECONDS);
    for (Property p : o.properties) {
      if (!p.command.equals("connect")) continue;
      switch (p.identifier) {
        case "session-expiry-interval": b.sessionExpiry(p.number, TimeUnit.SECONDS); break;
        case "receive-maximum": b.receiveMaximum((int) p.number); break;
        case "maximum-packet-size": b.maxInboundPacketSize((int) Math.min(p.number,
            Integer.MAX_VALUE)); break;
        case "topic-alias-maximum": b.topicAliasMaximum((int) p.number); break;
        case "request-problem-information": b.requestProblemInformation(p.number == 1); break;
        case "user-property": b.userProperty(p.values.get(0), p.values.get(1)); break;
        default: throw new AssertionError(p.text);
      }
    }
  }

  /** -D will: the will's properties onto {@code w}. */
  static void will(Will.Builder w, CliOptions o) {
    for (Property p : o.properties) {
      if (!p.command.equals("will")) continue;
      switch (p.identifier) {
        case "will-delay-interval": w.delay(p.number, TimeUnit.SECONDS); break;
        case "message-expiry-interval": w.expiry(p.number, TimeUnit.SECONDS); break;
        case "payload-format-indicator": w.payloadFormatUtf8(p.number == 1); break;
        case "content-type": w.contentType(p.value()); break;
        case "response-topic": w.responseTopic(p.value()); break;
        case "correlation-data":
          w.correlationData(p.value().getBytes(StandardCharsets.UTF_8));
          break;
        case "user-property": w.userProperty(p.values.get(0), p.values.get(1)); break;
        default: throw new AssertionError(p.text);
      }
    }
  }

  /** -D publish and --expiry: a message's properties onto {@code m}. */
  static Message.Builder publish(Message.Builder m, CliOptions o) {
    QueueFlags.withExpiry(m, o);
    for (Property p : o.properties) {
      if (!p.command.equals("publish")) continue;
      switch (p.identifier) {
        case "message-expiry-interval": m.expiresAfter(p.number, TimeUnit.SECONDS); break;
        case "payload-format-indicator": m.payloadFormatUtf8(p.number == 1); break;
        case "content-type": m.contentType(p.value()); break;
        case "response-topic": m.responseTopic(p.value()); break;
        case "correlation-data":
          m.correlationData(p.value().getBytes(StandardCharsets.UTF_8));
          break;
        case "user-property": m.userProperty(p.values.get(0), p.values.get(1)); break;
        default: throw new AssertionError(p.text);
      }
    }
    return m;
  }
}
