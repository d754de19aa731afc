package dev.wren.cli;

/** The texts of {@code wren --help} and {@code wren pub|sub|demo --help}. */
final class Usage {
  private Usage() {
  }

  static final String MAIN = String.join("\n",
      "wren: an MQTT 3.1.1 command-line client built on the Wren MQTT SDK",
      "",
      "Usage: wren pub  -t TOPIC (-m MSG | -f FILE | -l | -s | -n) [flags]",
      "       wren sub  -t FILTER [-t FILTER...] [-C COUNT] [-W SECS] [-v] [-N] [flags]",
      "       wren demo [-h HOST] [-p PORT] [-L URL]",
      "       wren COMMAND --help",
      "",
      "Commands:",
      "  pub   publish messages, like mosquitto_pub",
      "  sub   subscribe and print messages, like mosquitto_sub",
      "  demo  exchange QoS 0, 1 and 2 messages through an embedded broker (or -h/-p/-L)",
      "",
      "Exit status:",
      "  0   success",
      "  1   other failure (unreadable input, demo lost messages, internal error)",
      "  2   bad command line",
      "  3   broker unreachable (TCP connection failed, the proxy refused, or the",
      "      WebSocket upgrade was refused)",
      "  4   broker refused the connection (CONNACK code 1-5)",
      "  5   timed out waiting for the broker",
      "  6   connection lost or protocol error",
      "  7   broker refused a subscription",
      "  8   TLS failed (certificate not trusted, wrong host or expired; handshake refused;",
      "      unreadable CA, certificate or key file)",
      "  27  sub: -W time ran out",
      "");

  private static final String CONNECTION = String.join("\n",
      "Connection:",
      "  -h, --host HOST      broker host (default localhost)",
      "  -p, --port PORT      broker port (default 1883)",
      "  -L, --url URL        mqtt://[USER[:PASS]@]HOST[:PORT][/TOPIC]; tcp:// works too,",
      "                       mqtts:// or ssl:// for TLS (port 8883); the path, if any, is",
      "                       the topic. ws://HOST[:PORT][/PATH] (port 80) or wss:// (TLS,",
      "                       port 443) for WebSocket: there the path (default /mqtt) is",
      "                       the HTTP path, not a topic. Not with -h/-p.",
      "  -u, --username USER  user name",
      "  -P, --pw PASS        password (needs -u)",
      "  -k, --keepalive SECS keep-alive interval, 0-65535 (default 60; 0 disables)",
      "      --timeout SECS   how long to wait for the broker to connect and to answer",
      "                       (default 30)",
      "      --proxy URL      reach the broker through an HTTP proxy (CONNECT):",
      "                       http://[USER:PASS@]HOST:PORT",
      "",
      "TLS (any of these turns TLS on for -h/-p, default port 8883):",
      "      --cafile FILE    trust the CA certificates in this PEM file (instead of the",
      "                       system's)",
      "      --capath DIR     trust every PEM CA certificate in this directory",
      "      --cert FILE      client certificate chain (PEM) for mutual TLS; needs --key",
      "      --key FILE       its private key: PEM PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted",
      "      --insecure       do not check that the broker's certificate names the host",
      "      --tls-version V  tlsv1.2 or tlsv1.3 only (default: both)",
      "      --tls-alpn PROTO offer this ALPN protocol (e.g. x-amzn-mqtt-ca)",
      "");

  private static final String SESSION = String.join("\n",
      "  -i, --id ID          client id (default wren-pub-... / wren-sub-..., generated)",
      "  -c, --disable-clean-session",
      "                       keep the session after disconnecting (needs -i)",
      "      --will-topic TOPIC      Last Will: published by the broker if wren dies",
      "      --will-payload TEXT     Last Will payload (default empty)",
      "      --will-qos 0|1|2        Last Will QoS (default 0)",
      "      --will-retain           retain the Last Will",
      "      --ws-header 'NAME: VALUE'",
      "                       an extra header for the WebSocket upgrade (-L ws:// or",
      "                       wss://), e.g. 'Authorization: Bearer TOKEN'; repeatable",
      "      --help           this text",
      "");

  static final String PUB = String.join("\n",
      "Usage: wren pub -t TOPIC (-m MSG | -f FILE | -l | -s | -n) [flags]",
      "",
      "Publishes, waits until the broker has acknowledged every message (QoS 1 and 2),",
      "then disconnects.",
      "",
      "Message (exactly one):",
      "  -t, --topic TOPIC    the topic to publish to",
      "  -m, --message MSG    the message, as UTF-8",
      "  -f, --file FILE      the whole file as one message",
      "  -l, --stdin-line     one message per line of stdin, in order, sent as lines arrive",
      "                       (line ends \\n or \\r\\n removed; empty lines skipped)",
      "  -s, --stdin-file     all of stdin as one message",
      "  -n, --null-message   an empty message",
      "  -q, --qos 0|1|2      quality of service (default 0)",
      "  -r, --retain         ask the broker to retain the message",
      "") + "\n" + CONNECTION + "\n" + SESSION;

  static final String SUB = String.join("\n",
      "Usage: wren sub -t FILTER [-t FILTER...] [flags]",
      "",
      "Subscribes to every filter (one SUBSCRIBE) and prints each message's payload on its",
      "own line, in arrival order, flushed at once. Runs until -C or -W ends it, the",
      "connection is lost, or it is interrupted (Ctrl-C disconnects cleanly: no Last Will).",
      "",
      "Subscription and output:",
      "  -t, --topic FILTER   topic filter (+ and # wildcards); repeatable",
      "  -q, --qos 0|1|2      maximum QoS asked for (default 0)",
      "  -C, --count COUNT    exit 0 after COUNT messages",
      "  -W SECS              stop after SECS seconds and exit 27, as mosquitto_sub does;",
      "                       with -C, that means fewer than COUNT messages arrived, and",
      "                       wren says so on stderr",
      "  -v, --verbose        print 'TOPIC PAYLOAD'",
      "  -N                   no newline after the payload",
      "") + "\n" + CONNECTION + "\n" + SESSION;

  static final String DEMO = String.join("\n",
      "Usage: wren demo [-h HOST] [-p PORT] [-L URL] [-u USER -P PASS]",
      "",
      "Starts a broker in this process (127.0.0.1, a free port), connects a subscriber and",
      "a publisher, sends two messages at each QoS 0, 1 and 2, prints what arrives and a",
      "summary line. With -h, -p or -L it uses that broker instead (topics get a unique",
      "prefix). Exits 0 when no message was lost, 1 otherwise.",
      "",
      CONNECTION);

  /** The help for {@code command}, or the main help when there is no such command. */
  static String of(String command) {
    switch (command) {
      case "pub": return PUB;
      case "sub": return SUB;
      case "demo": return DEMO;
      default: return MAIN;
    }
  }
}
