package dev.wren.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The passphrase of an encrypted {@code --key}: the first line of {@code --key-password-file},
 * or asked for on the terminal as mosquitto (OpenSSL) asks, {@code Enter PEM pass phrase:}.
 * Stateless; the caller wipes what it gets.
 */
final class KeyPassphrase {
  private KeyPassphrase() {
  }

  /** Whether the PEM file holds an encrypted key (PKCS#8 or OpenSSL's legacy form). */
  static boolean encrypted(Path key) throws CliException {
    try {
      String text = new String(Files.readAllBytes(key), StandardCharsets.ISO_8859_1);
      return text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
          || text.contains("Proc-Type: 4,ENCRYPTED");
    } catch (IOException e) {
      throw new CliException(ExitCodes.TLS, "--key " + key + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * The passphrase for {@code key}, or null when it is not encrypted.
   *
   * @throws CliException (exit 2) when it is encrypted and there is neither a file nor a terminal
   */
  static char[] forKey(Path key, Path passwordFile) throws CliException {
    if (passwordFile != null) return firstLine(passwordFile);
    if (!encrypted(key)) return null;
    Console console = System.console();
    if (console == null) {
      throw CliException.usage("--key " + key + " is encrypted and there is no terminal to ask"
          + " for its passphrase on: give it with --key-password-file FILE");
    }
    char[] typed = console.readPassword("Enter PEM pass phrase:");
    if (typed == null) throw CliException.usage("--key " + key + ": no passphrase was typed");
    return typed;
  }

  /** The file's first line as UTF-8, without its line end. */
  private static char[] firstLine(Path file) throws CliException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.TLS, "--key-password-file " + file + ": cannot read: "
          + e.getMessage());
    }
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') end++;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      if (chars.hasArray()) Arrays.fill(chars.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw CliException.usage("--key-password-file " + file + ": the first line is not UTF-8");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
