package dev.wren.mqtt;

import java.io.File;

/**
 * The TLS connection to the broker could not be set up or verified; {@link #kind()} says why and
 * the message names the certificate, host, dates or file at fault and what to change. Nothing of
 * MQTT has been sent when connect fails with it (except {@link Kind#HANDSHAKE_FAILED} reported
 * by a TLS 1.3 broker on the first read: see there).
 */
public class TlsException extends MqttException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The broker's certificate chain does not lead to a trusted CA. */
    UNTRUSTED_CERTIFICATE,
    /** The broker's certificate holds neither the host name nor the IP address connected to. */
    HOSTNAME_MISMATCH,
    /** A certificate of the broker's chain has expired. */
    CERTIFICATE_EXPIRED,
    /** A certificate of the broker's chain is not valid yet (or the local clock is wrong). */
    CERTIFICATE_NOT_YET_VALID,
    /**
     * The TLS handshake failed for another reason: no common protocol version or cipher, or the
     * broker refused the client certificate (or its absence). A TLS 1.3 broker refuses a client
     * certificate only after the client's side of the handshake has finished, so that alert
     * arrives on the first read, after CONNECT was sent; it is reported with this kind too.
     */
    HANDSHAKE_FAILED,
    /** A CA, certificate, key or PKCS#12 file could not be read or has the wrong content. */
    UNREADABLE_FILE,
    /** The TLS provider cannot do what the options ask for (a protocol version, ALPN). */
    UNSUPPORTED
  }

  private final Kind kind;
  private final File file;

  public TlsException(Kind kind, String message, Throwable cause) {
    this(kind, null, message, cause);
  }

  /** @param file the file at fault, or null */
  public TlsException(Kind kind, File file, String message, Throwable cause) {
    super(message, cause);
    if (kind == null) throw new NullPointerException("kind == null");
    this.kind = kind;
    this.file = file;
  }

  public Kind kind() {
    return kind;
  }

  /** The file that could not be read ({@link Kind#UNREADABLE_FILE}), or null. */
  public File file() {
    return file;
  }
}
