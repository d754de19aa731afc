package dev.wren.mqtt;

import dev.wren.mqtt.internal.transport.tls.ClientKeys;
import dev.wren.mqtt.internal.transport.tls.TlsProviders;
import java.io.File;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How the client sets up TLS for {@code ssl://} and {@code mqtts://} brokers: which CAs it trusts,
 * the client certificate for mutual TLS, protocol versions, ALPN, host name verification and the
 * JSSE provider. Immutable; build with {@link #builder()}, copy and change with
 * {@link #toBuilder()}. {@link #defaults()} trusts the platform's CAs and verifies host names.
 *
 * <p>Files are named here and read at each connect, so certificates renewed on disk are picked up
 * by the next connection; a file that cannot be read fails that connect with a
 * {@link TlsException} of kind {@link TlsException.Kind#UNREADABLE_FILE}. The key store passwords
 * never appear in {@link #toString()}.
 */
public final class TlsOptions {
  /** TLS 1.2. */
  public static final String TLS_V1_2 = "TLSv1.2";
  /** TLS 1.3. */
  public static final String TLS_V1_3 = "TLSv1.3";

  private static final TlsOptions DEFAULTS = new Builder().build();

  private final List<File> caFiles;
  private final List<File> caDirectories;
  private final KeyStore trustStore;
  private final File clientCertificateFile;
  private final File clientKeyFile;
  /** The client key, decrypted by build() when a passphrase was given; null otherwise. */
  private final PrivateKey decryptedClientKey;
  private final File clientPkcs12File;
  private final char[] clientPkcs12Password;
  private final List<String> protocols;
  private final List<String> alpnProtocols;
  private final boolean hostnameVerification;
  private final TlsProvider provider;

  private TlsOptions(Builder b) {
    this.caFiles = Collections.unmodifiableList(new ArrayList<>(b.caFiles));
    this.caDirectories = Collections.unmodifiableList(new ArrayList<>(b.caDirectories));
    this.trustStore = b.trustStore;
    this.clientCertificateFile = b.clientCertificateFile;
    this.clientKeyFile = b.clientKeyFile;
    this.decryptedClientKey = b.decryptedClientKey;
    this.clientPkcs12File = b.clientPkcs12File;
    this.clientPkcs12Password = b.clientPkcs12Password;
    this.protocols = Collections.unmodifiableList(new ArrayList<>(b.protocols));
    this.alpnProtocols = Collections.unmodifiableList(new ArrayList<>(b.alpnProtocols));
    this.hostnameVerification = b.hostnameVerification;
    this.provider = b.provider;
  }

  /** The platform's trusted CAs, TLS 1.2 and 1.3, host name verification, provider AUTO. */
  public static TlsOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** PEM files of trusted CA certificates; empty when another source of trust is used. */
  public List<File> caFiles() {
    return caFiles;
  }

  /** Directories whose PEM certificates are all trusted (like OpenSSL's {@code -CApath}). */
  public List<File> caDirectories() {
    return caDirectories;
  }

  /** The key store of trusted certificates, or null. */
  public KeyStore trustStore() {
    return trustStore;
  }

  /** Whether the platform's CAs are trusted: no CA file, directory or trust store was given. */
  public boolean platformTrust() {
    return caFiles.isEmpty() && caDirectories.isEmpty() && trustStore == null;
  }

  /** The PEM certificate chain for mutual TLS, or null. */
  public File clientCertificateFile() {
    return clientCertificateFile;
  }

  /** The PEM private key that goes with {@link #clientCertificateFile()}, or null. */
  public File clientKeyFile() {
    return clientKeyFile;
  }

  /**
   * The client key of {@link #clientKeyFile()} as decrypted by {@link Builder#build()} when it
   * was given with a passphrase, or null (then the file is read when connecting).
   */
  public PrivateKey decryptedClientKey() {
    return decryptedClientKey;
  }

  /** The PKCS#12 file holding the client key and certificate chain, or null. */
  public File clientPkcs12File() {
    return clientPkcs12File;
  }

  /** A copy of the PKCS#12 password, or null. */
  public char[] clientPkcs12Password() {
    return clientPkcs12Password == null ? null : clientPkcs12Password.clone();
  }

  /** The protocol versions offered, in preference order: {@link #TLS_V1_3}, {@link #TLS_V1_2}. */
  public List<String> protocols() {
    return protocols;
  }

  /** The ALPN protocol names offered, in order; empty for no ALPN. */
  public List<String> alpnProtocols() {
    return alpnProtocols;
  }

  /** Whether the broker's certificate must name the host connected to (true unless disabled). */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  public TlsProvider provider() {
    return provider;
  }

  @Override public String toString() {
    StringBuilder sb = new StringBuilder("TlsOptions{");
    if (platformTrust()) sb.append("trust=platform");
    if (!caFiles.isEmpty()) sb.append("caFiles=").append(caFiles);
    if (!caDirectories.isEmpty()) {
      sb.append(caFiles.isEmpty() ? "" : ", ").append("caDirectories=").append(caDirectories);
    }
    if (trustStore != null) sb.append("trustStore=").append(trustStore.getType());
    if (clientCertificateFile != null) {
      sb.append(", clientCertificate=").append(clientCertificateFile)
          .append(", clientKey=").append(clientKeyFile);
    }
    if (clientPkcs12File != null) {
      sb.append(", clientPkcs12=").append(clientPkcs12File).append(", password=<hidden>");
    }
    sb.append(", protocols=").append(protocols);
    if (!alpnProtocols.isEmpty()) sb.append(", alpn=").append(alpnProtocols);
    if (!hostnameVerification) sb.append(", hostnameVerification=DISABLED");
    return sb.append(", provider=").append(provider).append('}').toString();
  }

  /** Builds {@link TlsOptions}; every setting is optional. */
  public static final class Builder {
    private final List<File> caFiles = new ArrayList<>();
    private final List<File> caDirectories = new ArrayList<>();
    private KeyStore trustStore;
    private File clientCertificateFile;
    private File clientKeyFile;
    private char[] clientKeyPassphrase;
    private PrivateKey decryptedClientKey;
    private File clientPkcs12File;
    private char[] clientPkcs12Password;
    private List<String> protocols = Arrays.asList(TLS_V1_3, TLS_V1_2);
    private List<String> alpnProtocols = Collections.emptyList();
    private boolean hostnameVerification = true;
    private TlsProvider provider = TlsProvider.AUTO;

    private Builder() {
    }

    private Builder(TlsOptions o) {
      caFiles.addAll(o.caFiles);
      caDirectories.addAll(o.caDirectories);
      trustStore = o.trustStore;
      clientCertificateFile = o.clientCertificateFile;
      clientKeyFile = o.clientKeyFile;
      decryptedClientKey = o.decryptedClientKey;
      clientPkcs12File = o.clientPkcs12File;
      clientPkcs12Password = o.clientPkcs12Password;
      protocols = o.protocols;
      alpnProtocols = o.alpnProtocols;
      hostnameVerification = o.hostnameVerification;
      provider = o.provider;
    }

    /**
     * Trusts the CA certificates of a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks)
     * instead of the platform's; may be called again to add more files.
     *
     * @throws IllegalArgumentException if the file does not exist or a trust store was set
     */
    public Builder caFile(File pemFile) {
      requireFile("caFile", pemFile);
      requireNoTrustStore("caFile");
      caFiles.add(pemFile);
      return this;
    }

    /**
     * Trusts every PEM certificate in the files of a directory (mosquitto's {@code --capath});
     * files without certificates are skipped. May be called again and combined with
     * {@link #caFile}.
     */
    public Builder caDirectory(File directory) {
      if (directory == null) throw new NullPointerException("caDirectory == null");
      if (!directory.isDirectory()) {
        throw new IllegalArgumentException("caDirectory is not a directory: " + directory);
      }
      requireNoTrustStore("caDirectory");
      caDirectories.add(directory);
      return this;
    }

    /**
     * Trusts the certificates of a loaded key store instead of the platform's. The store is
     * used as it is at each connect; do not change it meanwhile.
     *
     * @throws IllegalArgumentException if CA files or directories were set
     */
    public Builder trustStore(KeyStore trustStore) {
      if (trustStore == null) throw new NullPointerException("trustStore == null");
      if (!caFiles.isEmpty() || !caDirectories.isEmpty()) {
        throw new IllegalArgumentException("trustStore cannot be combined with caFile/caDirectory "
            + caFiles + caDirectories + ": put the CA certificates into the key store, or use"
            + " files only (platformTrust() clears both)");
      }
      this.trustStore = trustStore;
      return this;
    }

    /** Trusts the platform's CAs again: clears CA files, directories and the trust store. */
    public Builder platformTrust() {
      caFiles.clear();
      caDirectories.clear();
      trustStore = null;
      return this;
    }

    /**
     * The client certificate for mutual TLS, from PEM files: the certificate chain (leaf
     * first), and its unencrypted private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA
     * ({@code BEGIN RSA PRIVATE KEY}) or SEC1 EC ({@code BEGIN EC PRIVATE KEY}). Both may be
     * the same file. For an encrypted key, use
     * {@link #clientCertificate(File, File, char[])}. Replaces a PKCS#12 file set before.
     */
    public Builder clientCertificate(File certificateChainPem, File privateKeyPem) {
      requireFile("clientCertificate certificate chain", certificateChainPem);
      requireFile("clientCertificate private key", privateKeyPem);
      clientCertificateFile = certificateChainPem;
      clientKeyFile = privateKeyPem;
      wipeKeyPassphrase();
      decryptedClientKey = null;
      clientPkcs12File = null;
      clientPkcs12Password = null;
      return this;
    }

    /**
     * Like {@link #clientCertificate(File, File)}, for a private key encrypted with
     * {@code passphrase}: PKCS#8 {@code BEGIN ENCRYPTED PRIVATE KEY} (PBES2: PBKDF2 with
     * HMAC-SHA1/SHA-2, AES-CBC or DES-EDE3-CBC, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}
     * writes) or OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} (AES-128/192/256-CBC or
     * DES-EDE3-CBC). The passphrase is copied; {@link #build()} decrypts the key, so a key that
     * cannot be read, a wrong passphrase or an unsupported cipher fails there, naming the file,
     * and wipes the copy. The same on Java 8 and Android API 21. An unencrypted key is taken as
     * it is.
     */
    public Builder clientCertificate(File certificateChainPem, File privateKeyPem,
        char[] passphrase) {
      if (passphrase == null) throw new NullPointerException("clientCertificate passphrase == null");
      clientCertificate(certificateChainPem, privateKeyPem);
      clientKeyPassphrase = passphrase.clone();
      return this;
    }

    private void wipeKeyPassphrase() {
      if (clientKeyPassphrase != null) Arrays.fill(clientKeyPassphrase, '\0');
      clientKeyPassphrase = null;
    }

    /**
     * The client certificate for mutual TLS, from a PKCS#12 file ({@code .p12}, {@code .pfx})
     * with one private key entry; the password is copied. Replaces PEM files set before.
     */
    public Builder clientPkcs12(File pkcs12File, char[] password) {
      requireFile("clientPkcs12", pkcs12File);
      if (password == null) throw new NullPointerException("clientPkcs12 password == null");
      clientPkcs12File = pkcs12File;
      clientPkcs12Password = password.clone();
      clientCertificateFile = null;
      clientKeyFile = null;
      wipeKeyPassphrase();
      decryptedClientKey = null;
      return this;
    }

    /** No client certificate (the default). */
    public Builder noClientCertificate() {
      clientCertificateFile = null;
      clientKeyFile = null;
      wipeKeyPassphrase();
      decryptedClientKey = null;
      clientPkcs12File = null;
      clientPkcs12Password = null;
      return this;
    }

    /**
     * The TLS versions to offer: {@code "TLSv1.2"} and/or {@code "TLSv1.3"} (any case); nothing
     * older. Default: both, TLS 1.3 dropped where the provider lacks it. When only TLS 1.3 is
     * asked for and the provider lacks it, connect fails naming the provider.
     *
     * @throws IllegalArgumentException for an empty list or any other version
     */
    public Builder protocols(String... versions) {
      if (versions == null) throw new NullPointerException("protocols == null");
      if (versions.length == 0) {
        throw new IllegalArgumentException("protocols: give TLSv1.2, TLSv1.3 or both");
      }
      List<String> list = new ArrayList<>();
      for (String v : versions) {
        if (v == null) throw new NullPointerException("protocols contains null");
        String version;
        if (v.equalsIgnoreCase(TLS_V1_2)) {
          version = TLS_V1_2;
        } else if (v.equalsIgnoreCase(TLS_V1_3)) {
          version = TLS_V1_3;
        } else {
          throw new IllegalArgumentException("protocols: '" + v + "' is not supported; Wren speaks"
              + " TLSv1.2 and TLSv1.3 only (older versions are insecure)");
        }
        if (!list.contains(version)) list.add(version);
      }
      protocols = Collections.unmodifiableList(list);
      return this;
    }

    /**
     * The ALPN protocol names to offer, in preference order, for example
     * {@code "x-amzn-mqtt-ca"} for AWS IoT on port 443; none clears them. On the platform
     * provider ALPN needs Java 9+ (or 8u252+) or Android 10+.
     *
     * @throws IllegalArgumentException for an empty name, one over 255 bytes, or non-ASCII
     */
    public Builder alpnProtocols(String... names) {
      if (names == null) throw new NullPointerException("alpnProtocols == null");
      List<String> list = new ArrayList<>();
      for (String name : names) {
        if (name == null) throw new NullPointerException("alpnProtocols contains null");
        if (name.isEmpty() || name.length() > 255) {
          throw new IllegalArgumentException(
              "alpnProtocols: a name must be 1..255 characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
          char c = name.charAt(i);
          if (c < 0x21 || c > 0x7e) {
            throw new IllegalArgumentException("alpnProtocols: '" + name
                + "' has a character that is not printable ASCII at index " + i);
          }
        }
        list.add(name);
      }
      alpnProtocols = Collections.unmodifiableList(list);
      return this;
    }

    /**
     * Accepts a broker certificate that does not name the host connected to. The chain must
     * still lead to a trusted CA, but anyone holding any certificate from that CA can pose as
     * the broker. For tests only; every connect logs a WARN naming the host.
     */
    public Builder disableHostnameVerification() {
      hostnameVerification = false;
      return this;
    }

    /**
     * The JSSE implementation (default {@link TlsProvider#AUTO}).
     *
     * @throws IllegalArgumentException for {@link TlsProvider#BOUNCY_CASTLE} when
     *     {@code org.bouncycastle:bctls-jdk18on} is not on the class path
     */
    public Builder provider(TlsProvider provider) {
      if (provider == null) throw new NullPointerException("provider == null");
      TlsProviders.resolve(provider, TlsProviders.BOUNCY_CASTLE_PRESENT);
      this.provider = provider;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a client key given with a passphrase that cannot be
     *     read or decrypted (wrong passphrase, unsupported cipher), naming the file
     */
    public TlsOptions build() {
      if (clientKeyPassphrase != null) {
        try {
          decryptedClientKey = ClientKeys.read(clientKeyFile, clientKeyPassphrase);
        } catch (TlsException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
          wipeKeyPassphrase();
        }
      }
      return new TlsOptions(this);
    }

    private void requireNoTrustStore(String what) {
      if (trustStore != null) {
        throw new IllegalArgumentException(what + " cannot be combined with trustStore(KeyStore):"
            + " put the CA certificates into the key store, or use files only"
            + " (platformTrust() clears both)");
      }
    }

    private static void requireFile(String what, File file) {
      if (file == null) throw new NullPointerException(what + " == null");
      if (!file.isFile()) {
        throw new IllegalArgumentException(what + ": no such file: " + file
            + (file.isDirectory() ? " (a directory)" : ""));
      }
    }
  }
}
