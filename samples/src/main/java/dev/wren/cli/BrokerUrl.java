package dev.wren.cli;

import java.util.Locale;

/**
 * Parses {@code -L}: {@code mqtt://[user[:password]@]host[:port][/topic]} as mosquitto does;
 * {@code tcp://} is the same, and {@code mqtts://} or {@code ssl://} is MQTT over TLS (port 8883
 * by default). The rest after the first {@code /} is the topic, taken literally ({@code #} and
 * {@code +} included). {@code ws://} (port 80) and {@code wss://} (over TLS, port 443) are MQTT
 * over WebSocket: there the rest is the HTTP path and query ({@code /mqtt} when empty), not a
 * topic.
 */
final class BrokerUrl {
  final boolean tls;
  /** The WebSocket path and query for ws:// and wss://, or null. */
  final String wsPath;
  final String host;
  final int port;
  final String username;
  final String password;
  /** The topic, or null when the URL has no path. */
  final String topic;

  private BrokerUrl(boolean tls, String wsPath, String host, int port, String username,
      String password, String topic) {
    this.tls = tls;
    this.wsPath = wsPath;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.topic = topic;
  }

  static BrokerUrl parse(String url) throws CliException {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      throw bad(url, "expected mqtt://host[:port][/topic]");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    boolean webSocket = scheme.equals("ws") || scheme.equals("wss");
    boolean tls = scheme.equals("mqtts") || scheme.equals("ssl") || scheme.equals("wss");
    if (!tls && !webSocket && !scheme.equals("mqtt") && !scheme.equals("tcp")) {
      throw bad(url, "scheme '" + scheme + "' is not supported; use mqtt://, tcp://, mqtts://,"
          + " ssl://, ws:// or wss://");
    }
    String rest = url.substring(schemeEnd + 3);
    int slash = webSocket ? firstOf(rest, "/?") : rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String topic = webSocket || slash < 0 || slash == rest.length() - 1
        ? null : rest.substring(slash + 1);
    String wsPath = !webSocket ? null : slash < 0 ? "/mqtt"
        : rest.charAt(slash) == '?' ? "/mqtt" + rest.substring(slash) : rest.substring(slash);

    String username = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      username = colon < 0 ? userInfo : userInfo.substring(0, colon);
      password = colon < 0 ? null : userInfo.substring(colon + 1);
      if (username.isEmpty()) throw bad(url, "empty user name before '@'");
    }

    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) throw bad(url, "unclosed '[' in the host");
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) throw bad(url, "unexpected '" + after + "' after the host");
        portText = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) throw bad(url, "no host");
    int port = webSocket ? (tls ? 443 : 80) : tls ? 8883 : 1883;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw bad(url, "port '" + portText + "' is not a number");
      }
      if (port < 1 || port > 65535) throw bad(url, "port must be 1..65535, not " + port);
    }
    return new BrokerUrl(tls, wsPath, host, port, username, password, topic);
  }

  /** The index of the first of {@code chars} in {@code s}, or -1. */
  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) return i;
    }
    return -1;
  }

  private static CliException bad(String url, String why) {
    return CliException.usage("bad -L URL " + Errors.quote(Redact.url(url)) + ": " + why);
  }
}
