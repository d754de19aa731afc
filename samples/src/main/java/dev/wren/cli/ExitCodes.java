package dev.wren.cli;

/** The exit statuses of {@code wren}; {@code wren --help} lists them too. */
final class ExitCodes {
  /** Everything worked. */
  static final int OK = 0;
  /** Anything else: a file that cannot be read, a demo that lost messages, an internal error. */
  static final int ERROR = 1;
  /** A bad command line: unknown flag, missing or bad value, flags that do not go together. */
  static final int USAGE = 2;
  /** The TCP connection to the broker could not be made. */
  static final int UNREACHABLE = 3;
  /** The broker refused the connection (CONNACK return code 1 to 5). */
  static final int REFUSED = 4;
  /** The broker did not answer in time (CONNACK, SUBACK or a publish acknowledgement). */
  static final int TIMEOUT = 5;
  /** The connection was lost, or the broker broke the protocol. */
  static final int CONNECTION_LOST = 6;
  /** The broker refused a subscription (SUBACK 0x80). */
  static final int SUBSCRIBE_REFUSED = 7;
  /** TLS failed: certificate not trusted, for another host or expired, handshake refused, or a
   *  CA, certificate or key file that cannot be read. */
  static final int TLS = 8;
  /**
   * {@code --queue-dir}: the queue directory cannot be used (another process holds it, a storage
   * error) or is full. Its messages stay in it.
   */
  static final int QUEUE = 9;
  /** {@code sub -W}: the time ran out (as mosquitto_sub, which exits 27 then). */
  static final int WAIT_EXPIRED = 27;

  private ExitCodes() {
  }
}
