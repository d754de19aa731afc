package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.MqttTimeoutException;
import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import dev.wren.mqtt.internal.transport.ElasticInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.tinylog.Logger;

/**
 * Runs TLS over an open TCP socket: protocol versions, SNI and ALPN set, the handshake within the
 * deadline, then the host name checked, all before a byte of MQTT. Failures become
 * {@link TlsException}s that say what to fix. Stateless.
 */
public final class TlsLayer {
  private TlsLayer() {
  }

  /** A verified TLS socket and its streams for MQTT. */
  public static final class Established {
    public final SSLSocket socket;
    /** Buffered; both name a broker's late TLS refusal as such (see {@link TlsStreams}). */
    public final InputStream in;
    public final OutputStream out;
    private final TlsStreams streams;

    Established(SSLSocket socket, TlsStreams streams) {
      this.socket = socket;
      this.in = streams.in;
      this.out = streams.out;
      this.streams = streams;
    }

    /** Call before closing: failures from then on are the client's doing. */
    public void closing() {
      streams.closing();
    }
  }

  /**
   * Layers TLS on {@code tcp} (closed with the returned socket) and completes the handshake.
   *
   * @throws TlsException when TLS cannot be set up, the handshake fails or the peer is not trusted
   * @throws MqttTimeoutException when the handshake does not finish before {@code deadlineNanos}
   */
  public static Established handshake(Socket tcp, String host, int port, TlsOptions options,
      long deadlineNanos, int timeoutMillis) throws IOException {
    TlsProvider provider = TlsProviders.resolve(options.provider(),
        TlsProviders.BOUNCY_CASTLE_PRESENT);
    TlsContexts.Context context = TlsContexts.create(options, provider);
    SSLSocket socket = (SSLSocket) context.sslContext.getSocketFactory()
        .createSocket(tcp, host, port, true);
    String peer = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    socket.setEnabledProtocols(protocols(options.protocols(), socket.getSupportedProtocols(),
        context.sslContext.getProvider().getName() + " (" + provider + ")"));
    String sniHost = HostnameCheck.isIpLiteral(host) ? null : host;
    if (provider == TlsProvider.BOUNCY_CASTLE) {
      BcJsse.configure(socket, sniHost, options.alpnProtocols());
    } else {
      PlatformJsse.configure(socket, sniHost, options.alpnProtocols());
    }
    if (!options.hostnameVerification()) {
      Logger.warn("TLS host name verification is DISABLED for {}: any certificate from a trusted"
          + " CA is accepted, whichever host it names", peer);
    }
    socket.setSoTimeout(remainingMillis(deadlineNanos));
    try {
      socket.startHandshake();
    } catch (SocketTimeoutException e) {
      MqttTimeoutException timeout = new MqttTimeoutException("the TLS handshake with " + peer
          + " did not finish within " + timeoutMillis + " ms (is it a TLS port?)");
      timeout.initCause(e);
      throw timeout;
    } catch (IOException e) {
      TlsException trustFailure = context.trust.failure();
      if (trustFailure != null) throw trustFailure;
      throw handshakeFailed(peer, options, context, e);
    }
    X509Certificate leaf = leaf(socket, peer);
    if (options.hostnameVerification()) HostnameCheck.verify(host, leaf);
    socket.setSoTimeout(0);
    Logger.debug("TLS to {}: {} {} via {}, ALPN {}, certificate '{}'", peer,
        socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), provider,
        provider == TlsProvider.BOUNCY_CASTLE
            ? BcJsse.applicationProtocol(socket) : PlatformJsse.applicationProtocol(socket),
        leaf.getSubjectX500Principal().getName());
    return new Established(socket, new TlsStreams(
        new ElasticInputStream(socket.getInputStream()), socket.getOutputStream(), peer,
        options, context));
  }

  /**
   * The versions asked for that the provider has: one it lacks (TLS 1.3 on an old platform) is
   * dropped quietly as long as another remains.
   *
   * @throws TlsException (UNSUPPORTED) when none remains, naming the provider
   */
  static String[] protocols(List<String> wanted, String[] supported, String provider)
      throws TlsException {
    List<String> has = Arrays.asList(supported);
    List<String> enabled = new ArrayList<>();
    for (String p : wanted) {
      if (has.contains(p)) {
        enabled.add(p);
      } else {
        Logger.debug("the TLS provider {} lacks {}; not offered", provider, p);
      }
    }
    if (enabled.isEmpty()) {
      throw new TlsException(TlsException.Kind.UNSUPPORTED, "the TLS provider " + provider
          + " supports none of the protocols asked for " + wanted + "; it supports " + has
          + " (allow TLSv1.2, or add " + TlsProviders.BOUNCY_CASTLE_ARTIFACT + ")", null);
    }
    return enabled.toArray(new String[0]);
  }

  private static X509Certificate leaf(SSLSocket socket, String peer) throws TlsException {
    try {
      Certificate[] chain = socket.getSession().getPeerCertificates();
      return (X509Certificate) chain[0];
    } catch (IOException | RuntimeException e) {
      throw new TlsException(TlsException.Kind.HANDSHAKE_FAILED, "the TLS session with " + peer
          + " has no X.509 server certificate: " + e.getMessage(), e);
    }
  }

  static TlsException handshakeFailed(String peer, TlsOptions options,
      TlsContexts.Context context, IOException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    String hint;
    if (context.keys.clientCertificateRequested() && !context.keys.hasClientCertificate()) {
      hint = "; the broker asked for a client certificate and none is configured: set one with"
          + " TlsOptions.Builder.clientCertificate or clientPkcs12 (wren: --cert and --key)";
    } else if (context.keys.clientCertificateRequested() && context.trust.trusted()) {
      hint = "; the broker probably refused the client certificate (is it issued by a CA the"
          + " broker trusts, and not expired?)";
    } else if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")) {
      hint = "; the broker and this client share no TLS version (offered: " + options.protocols()
          + ")";
    } else if (!context.trust.trusted()
        && (!(e instanceof SSLException) || lower.contains("unrecognized")
            || lower.contains("terminated the handshake") || lower.contains("plaintext"))) {
      hint = "; is " + peer + " a TLS port? (MQTT over TLS is usually 8883, plain MQTT 1883)";
    } else {
      hint = "";
    }
    return new TlsException(TlsException.Kind.HANDSHAKE_FAILED, "the TLS handshake with " + peer
        + " failed: " + message + hint, e);
  }

  static int remainingMillis(long deadlineNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }
}
