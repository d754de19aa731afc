package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the broker's chain with the provider's trust manager and, when it refuses, records why
 * in words a user can act on, since the handshake exception that follows only says "certificate
 * unknown" in each provider's own way. One per connection: written by the handshake, read after
 * it on the same thread.
 */
final class CheckedTrustManager implements X509TrustManager {
  private final X509TrustManager delegate;
  private final String trustSource;
  private TlsException failure;
  private boolean trusted;

  /** @param trustSource what is trusted, for messages: "the platform's CAs", "caFile x.pem" */
  CheckedTrustManager(X509TrustManager delegate, String trustSource) {
    this.delegate = delegate;
    this.trustSource = trustSource;
  }

  /** Why the last chain was refused, or null. */
  TlsException failure() {
    return failure;
  }

  /** Whether the broker's chain was checked and trusted: the peer is a TLS server we accept. */
  boolean trusted() {
    return trusted;
  }

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
      trusted = true;
    } catch (CertificateException | RuntimeException e) {
      failure = classify(chain, e, new Date());
      throw e;
    }
  }

  TlsException classify(X509Certificate[] chain, Exception e, Date now) {
    for (X509Certificate c : chain) {
      try {
        c.checkValidity(now);
      } catch (CertificateExpiredException expired) {
        return new TlsException(TlsException.Kind.CERTIFICATE_EXPIRED, "the broker's certificate "
            + "'" + subject(c) + "' expired on " + utc(c.getNotAfter()) + " (now " + utc(now)
            + "); the broker needs a renewed certificate (or this machine's clock is wrong)", e);
      } catch (CertificateNotYetValidException notYet) {
        return new TlsException(TlsException.Kind.CERTIFICATE_NOT_YET_VALID, "the broker's "
            + "certificate '" + subject(c) + "' is not valid before " + utc(c.getNotBefore())
            + " (now " + utc(now) + "); check this machine's clock", e);
      }
    }
    X509Certificate top = chain.length == 0 ? null : chain[chain.length - 1];
    String who = chain.length == 0 ? "an empty chain"
        : "'" + subject(chain[0]) + "'" + (chain.length > 1 ? " (chain of " + chain.length + ")" : "")
            + " issued by '" + top.getIssuerX500Principal().getName() + "'";
    return new TlsException(TlsException.Kind.UNTRUSTED_CERTIFICATE, "the broker's certificate "
        + who + " is not trusted: its issuer is not among " + trustSource + " (" + e.getMessage()
        + "); trust the CA that issued it with TlsOptions.Builder.caFile(CA PEM file)"
        + " (wren: --cafile)", e);
  }

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }

  static String utc(Date date) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(date);
  }
}
