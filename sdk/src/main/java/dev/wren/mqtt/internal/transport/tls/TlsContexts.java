package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.TlsProvider;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.tinylog.Logger;

/**
 * Builds one connection's {@link SSLContext} from {@link TlsOptions}: reads the CA, key and
 * certificate files, and wraps the trust manager in a {@link CheckedTrustManager}. Stateless.
 */
final class TlsContexts {
  /** Protects the in-memory key store only; never stored. */
  private static final char[] IN_MEMORY_PASSWORD = "wren".toCharArray();

  private TlsContexts() {
  }

  /** A ready context, and the trust and key managers that explain a refused handshake. */
  static final class Context {
    final SSLContext sslContext;
    final CheckedTrustManager trust;
    final RecordingKeyManager keys;

    Context(SSLContext sslContext, CheckedTrustManager trust, RecordingKeyManager keys) {
      this.sslContext = sslContext;
      this.trust = trust;
      this.keys = keys;
    }
  }

  static Context create(TlsOptions options, TlsProvider provider) throws TlsException {
    Provider jsse = provider == TlsProvider.BOUNCY_CASTLE ? BcJsse.provider() : null;
    CheckedTrustManager trust = trustManager(options, jsse);
    RecordingKeyManager keys = new RecordingKeyManager(keyManager(options, jsse));
    try {
      SSLContext context = jsse != null
          ? SSLContext.getInstance("TLS", jsse) : SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, new SecureRandom());
      return new Context(context, trust, keys);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the " + provider + " TLS provider cannot make a TLS"
          + " context: " + e.getMessage(), e);
    }
  }

  private static CheckedTrustManager trustManager(TlsOptions options, Provider jsse)
      throws TlsException {
    KeyStore anchors = options.trustStore();
    String source = "the platform's trusted CAs";
    if (anchors == null && !options.platformTrust()) {
      List<String> names = new ArrayList<>();
      anchors = emptyKeyStore();
      int n = 0;
      for (File file : options.caFiles()) {
        for (X509Certificate ca : Pem.certificates(file, "caFile")) addTrusted(anchors, n++, ca);
        names.add(file.getPath());
      }
      for (File directory : options.caDirectories()) {
        int before = n;
        for (X509Certificate ca : directoryCertificates(directory)) addTrusted(anchors, n++, ca);
        if (n == before) {
          throw Pem.unreadable(directory, "caDirectory " + directory + " holds no PEM certificate"
              + " (-----BEGIN CERTIFICATE-----)", null);
        }
        names.add(directory.getPath());
      }
      source = "the CAs of " + names;
    } else if (anchors != null) {
      source = "the CAs of the trust store";
    }
    try {
      TrustManagerFactory factory = jsse != null
          ? TrustManagerFactory.getInstance("PKIX", jsse)
          : TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          return new CheckedTrustManager((X509TrustManager) tm, source);
        }
      }
      throw new IllegalStateException("the trust manager factory " + factory.getAlgorithm()
          + " made no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new TlsException(TlsException.Kind.UNREADABLE_FILE, "cannot use " + source
          + " as trust anchors: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> directoryCertificates(File directory) throws TlsException {
    File[] files = directory.listFiles();
    if (files == null) {
      throw Pem.unreadable(directory, "cannot list caDirectory " + directory, null);
    }
    Arrays.sort(files);
    List<X509Certificate> certificates = new ArrayList<>();
    for (File file : files) {
      if (!file.isFile()) continue;
      boolean hasCertificate = false;
      for (Pem.Block block : Pem.blocksOrNone(file, "caDirectory file")) {
        hasCertificate |= block.label.equals("CERTIFICATE");
      }
      if (hasCertificate) {
        certificates.addAll(Pem.certificates(file, "caDirectory file"));
      } else {
        Logger.debug("caDirectory: {} holds no PEM certificate; skipped", file);
      }
    }
    return certificates;
  }

  private static X509KeyManager keyManager(TlsOptions options, Provider jsse) throws TlsException {
    KeyStore store;
    char[] password;
    if (options.clientPkcs12File() != null) {
      password = options.clientPkcs12Password();
      store = pkcs12(options.clientPkcs12File(), password);
    } else if (options.clientCertificateFile() != null) {
      List<X509Certificate> chain =
          Pem.certificates(options.clientCertificateFile(), "client certificate");
      PrivateKey key = options.decryptedClientKey() != null ? options.decryptedClientKey()
          : PrivateKeys.read(options.clientKeyFile());
      password = IN_MEMORY_PASSWORD;
      store = emptyKeyStore();
      try {
        store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
      } catch (GeneralSecurityException e) {
        throw Pem.unreadable(options.clientKeyFile(), "the client key " + options.clientKeyFile()
            + " does not go with the certificate " + options.clientCertificateFile() + ": "
            + e.getMessage(), e);
      }
    } else {
      return null;
    }
    try {
      KeyManagerFactory factory = jsse != null
          ? KeyManagerFactory.getInstance("PKIX", jsse)
          : KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      for (KeyManager km : factory.getKeyManagers()) {
        if (km instanceof X509KeyManager) return (X509KeyManager) km;
      }
      throw new IllegalStateException("the key manager factory " + factory.getAlgorithm()
          + " made no X509KeyManager");
    } catch (GeneralSecurityException e) {
      File file = options.clientPkcs12File() != null
          ? options.clientPkcs12File() : options.clientKeyFile();
      throw Pem.unreadable(file, "cannot use the client key of " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore pkcs12(File file, char[] password) throws TlsException {
    byte[] bytes = Pem.readFile(file, "clientPkcs12");
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), password);
    } catch (IOException | GeneralSecurityException e) {
      String found = bytes.length > 0 && bytes[0] == '-'
          ? "it is a PEM file: use clientCertificate(certificate, key) for PEM"
          : "wrong password, or not a PKCS#12 file";
      throw Pem.unreadable(file, "cannot read clientPkcs12 " + file + " as PKCS#12 (" + found
          + "): " + e.getMessage(), e);
    }
    List<String> aliases;
    try {
      aliases = Collections.list(store.aliases());
      for (String alias : aliases) {
        if (store.isKeyEntry(alias)) return store;
      }
    } catch (KeyStoreException e) {
      throw new IllegalStateException("a loaded PKCS#12 key store cannot list its entries", e);
    }
    throw Pem.unreadable(file, "clientPkcs12 " + file + " holds no private key, only the"
        + " certificates " + aliases + " (export the key with the certificate)", null);
  }

  private static KeyStore emptyKeyStore() {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an empty " + KeyStore.getDefaultType()
          + " key store", e);
    }
  }

  private static void addTrusted(KeyStore store, int n, X509Certificate ca) {
    try {
      store.setCertificateEntry("ca-" + n, ca);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an in-memory key store refused a certificate", e);
    }
  }
}
