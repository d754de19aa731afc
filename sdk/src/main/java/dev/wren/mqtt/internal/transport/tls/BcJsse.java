package dev.wren.mqtt.internal.transport.tls;

import java.security.Provider;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSNIHostName;
import org.bouncycastle.jsse.BCSNIServerName;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Everything that names a BouncyCastle class. Loaded only when {@link TlsProviders} found bctls
 * on the class path, so that the SDK runs without it; its methods take and return JDK types.
 * Stateless.
 */
final class BcJsse {
  private BcJsse() {
  }

  /**
   * The provider is built once per JVM, as JSSE providers are, and never changed after:
   * building it (and BouncyCastle's crypto provider under it) takes long enough to matter on a
   * small device that reconnects.
   */
  private static final class Holder {
    static final Provider PROVIDER = new BouncyCastleJsseProvider(new BouncyCastleProvider());
  }

  static Provider provider() {
    return Holder.PROVIDER;
  }

  /** Sets SNI (when {@code sniHost} is not null) and ALPN through BouncyCastle's own API. */
  static void configure(SSLSocket socket, String sniHost, List<String> alpn) {
    BCSSLSocket bc = (BCSSLSocket) socket;
    BCSSLParameters parameters = bc.getParameters();
    if (sniHost != null) {
      parameters.setServerNames(
          Collections.<BCSNIServerName>singletonList(new BCSNIHostName(sniHost)));
    }
    if (!alpn.isEmpty()) parameters.setApplicationProtocols(alpn.toArray(new String[0]));
    bc.setParameters(parameters);
  }

  /** The protocol the broker chose by ALPN, or null. */
  static String applicationProtocol(SSLSocket socket) {
    String chosen = ((BCSSLSocket) socket).getApplicationProtocol();
    return chosen == null || chosen.isEmpty() ? null : chosen;
  }
}
