package dev.wren.mqtt.internal.transport.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509KeyManager;

/**
 * The client's key manager (or none), recording whether the broker asked for a client
 * certificate, so that a refused handshake can say "the broker wants a client certificate"
 * instead of a provider's "broken pipe". One per connection; written and read on the thread that
 * runs the handshake.
 */
final class RecordingKeyManager implements X509KeyManager {
  private final X509KeyManager delegate;
  private boolean requested;

  /** @param delegate the configured client key, or null for none */
  RecordingKeyManager(X509KeyManager delegate) {
    this.delegate = delegate;
  }

  /** Whether the broker sent a CertificateRequest. */
  boolean clientCertificateRequested() {
    return requested;
  }

  boolean hasClientCertificate() {
    return delegate != null;
  }

  @Override public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    requested = true;
    return delegate == null ? null : delegate.chooseClientAlias(keyTypes, issuers, socket);
  }

  @Override public String[] getClientAliases(String keyType, Principal[] issuers) {
    return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
  }

  @Override public X509Certificate[] getCertificateChain(String alias) {
    return delegate == null ? null : delegate.getCertificateChain(alias);
  }

  @Override public PrivateKey getPrivateKey(String alias) {
    return delegate == null ? null : delegate.getPrivateKey(alias);
  }

  @Override public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
