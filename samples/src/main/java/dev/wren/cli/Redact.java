package dev.wren.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps credentials out of everything wren prints: URLs are quoted with their password masked,
 * and every message passes {@link #scrub} against the secrets of the command line before it is
 * printed, as a second line of defence. Stateless.
 */
final class Redact {
  /** What a masked password reads as. */
  static final String MASK = "****";
  /** Shorter secrets are not scrubbed from text: masking every "ab" would garble messages. */
  private static final int MIN_SCRUBBED = 3;

  private Redact() {
  }

  /** {@code url} with the password of its user info ({@code scheme://user:PASSWORD@...}) masked. */
  static String url(String url) {
    int[] span = passwordSpan(url);
    if (span == null) return url;
    return url.substring(0, span[0]) + MASK + url.substring(span[1]);
  }

  /** The password in {@code url}'s user info, or null. Works on malformed URLs too. */
  static String passwordOf(String url) {
    int[] span = passwordSpan(url);
    return span == null ? null : url.substring(span[0], span[1]);
  }

  /** {start, end} of the password in {@code scheme://user:password@host...}, or null. */
  private static int[] passwordSpan(String url) {
    if (url == null) return null;
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at < start) return null;
    int colon = url.indexOf(':', start);
    if (colon < 0 || colon > at) return null;
    return new int[] {colon + 1, at};
  }

  /**
   * The secrets in a command line, before it is parsed: the values of {@code -P}/{@code --pw}
   * and the passwords in {@code -L}/{@code --url} and {@code --proxy} URLs.
   */
  static List<String> secretsIn(List<String> words) {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String name = word;
      String value = null;
      int eq = word.indexOf('=');
      if (word.startsWith("--") && eq > 2) {
        name = word.substring(0, eq);
        value = word.substring(eq + 1);
      } else if (i + 1 < words.size()) {
        value = words.get(i + 1);
      }
      if (value == null) continue;
      if (name.equals("-P") || name.equals("--pw")) {
        secrets.add(value);
      } else if (name.equals("-L") || name.equals("--url") || name.equals("--proxy")) {
        String password = passwordOf(value);
        if (password != null) secrets.add(password);
      }
    }
    return Collections.unmodifiableList(secrets);
  }

  /** {@code text} with every secret of at least 3 characters masked. */
  static String scrub(String text, List<String> secrets) {
    if (text == null) return null;
    String out = text;
    for (String secret : secrets) {
      if (secret.length() >= MIN_SCRUBBED) out = out.replace(secret, MASK);
    }
    return out;
  }
}
