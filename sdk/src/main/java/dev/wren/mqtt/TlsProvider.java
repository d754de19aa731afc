package dev.wren.mqtt;

/** Which JSSE implementation runs TLS; see {@link TlsOptions.Builder#provider}. */
public enum TlsProvider {
  /** BouncyCastle JSSE when {@code org.bouncycastle:bctls-jdk18on} is on the class path, else the platform's. */
  AUTO,
  /** BouncyCastle JSSE ({@code org.bouncycastle:bctls-jdk18on}, which the application adds). */
  BOUNCY_CASTLE,
  /** The JVM's or Android's own JSSE. */
  PLATFORM
}
