package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.io.File;
import java.security.PrivateKey;

/** The entry point {@link dev.wren.mqtt.TlsOptions} uses to decrypt a client key. Stateless. */
public final class ClientKeys {
  private ClientKeys() {
  }

  /**
   * The private key in {@code pemFile}, decrypted with {@code passphrase} when it is encrypted.
   * The caller wipes {@code passphrase}.
   *
   * @throws TlsException naming the file: unreadable, wrong passphrase, unsupported cipher
   */
  public static PrivateKey read(File pemFile, char[] passphrase) throws TlsException {
    return EncryptedKeys.read(pemFile, passphrase);
  }
}
