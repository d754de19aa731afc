package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsProvider;

/**
 * Decides which JSSE runs TLS. BouncyCastle's is an optional dependency: its classes are touched
 * only through {@link BcJsse}, which is loaded only after {@link #BOUNCY_CASTLE_PRESENT} said yes.
 * Stateless.
 */
public final class TlsProviders {
  /** The artifact to add, for error messages. */
  public static final String BOUNCY_CASTLE_ARTIFACT = "org.bouncycastle:bctls-jdk18on";

  static final String BC_JSSE_CLASS = "org.bouncycastle.jsse.provider.BouncyCastleJsseProvider";
  static final String BC_PROVIDER_CLASS = "org.bouncycastle.jce.provider.BouncyCastleProvider";

  /** Whether bctls (and the bcprov it needs) can be loaded here; the class path does not change. */
  public static final boolean BOUNCY_CASTLE_PRESENT =
      bouncyCastlePresent(TlsProviders.class.getClassLoader());

  private TlsProviders() {
  }

  static boolean bouncyCastlePresent(ClassLoader loader) {
    try {
      Class.forName(BC_JSSE_CLASS, false, loader);
      Class.forName(BC_PROVIDER_CLASS, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The provider that runs: AUTO becomes BOUNCY_CASTLE or PLATFORM.
   *
   * @throws IllegalArgumentException when BOUNCY_CASTLE is asked for and absent
   */
  public static TlsProvider resolve(TlsProvider requested, boolean bouncyCastlePresent) {
    switch (requested) {
      case AUTO:
        return bouncyCastlePresent ? TlsProvider.BOUNCY_CASTLE : TlsProvider.PLATFORM;
      case BOUNCY_CASTLE:
        if (!bouncyCastlePresent) {
          throw new IllegalArgumentException("TlsProvider.BOUNCY_CASTLE: BouncyCastle JSSE is not"
              + " on the class path; add the dependency " + BOUNCY_CASTLE_ARTIFACT
              + " (it brings bcprov and bcutil), or use TlsProvider.PLATFORM");
        }
        return requested;
      default:
        return requested;
    }
  }
}
