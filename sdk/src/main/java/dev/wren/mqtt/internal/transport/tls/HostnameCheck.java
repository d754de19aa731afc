package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.tinylog.Logger;

/**
 * Checks that the broker's certificate names the host connected to, as HTTPS does (RFC 2818,
 * RFC 6125): a host name must match a subjectAltName DNS entry (a leading {@code *.} matches
 * exactly one label), or the most specific CN when there is no DNS entry; an IP literal must
 * match an IP entry. Done by Wren after the handshake so that it works alike on every provider
 * and on Android API 21, which lacks endpoint identification. Stateless.
 */
final class HostnameCheck {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private HostnameCheck() {
  }

  static void verify(String host, X509Certificate certificate) throws TlsException {
    List<String> dnsNames = new ArrayList<>();
    List<String> ipAddresses = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw mismatch(host, "its subjectAltName extension cannot be parsed (" + e.getMessage() + ")",
          e);
    }
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == SAN_DNS) dnsNames.add(String.valueOf(san.get(1)));
        if (type == SAN_IP) ipAddresses.add(String.valueOf(san.get(1)));
      }
    }
    if (isIpLiteral(host)) {
      byte[] wanted = ipBytes(host);
      for (String ip : ipAddresses) {
        if (Arrays.equals(wanted, ipBytes(ip))) return;
      }
    } else {
      List<String> names = dnsNames;
      if (names.isEmpty()) {
        String cn = commonName(certificate.getSubjectX500Principal());
        if (cn != null) names = Collections.singletonList(cn);
      }
      for (String name : names) {
        if (matches(host, name)) return;
      }
    }
    throw mismatch(host, "it holds " + describe(dnsNames, ipAddresses, certificate), null);
  }

  private static TlsException mismatch(String host, String why, Throwable cause) {
    String kind = isIpLiteral(host) ? "the IP address " : "the host name ";
    return new TlsException(TlsException.Kind.HOSTNAME_MISMATCH, "the broker's certificate does"
        + " not name " + kind + host + " that was connected to: " + why + "; connect with a name"
        + " it holds, or have the certificate reissued with subjectAltName "
        + (isIpLiteral(host) ? "IP:" : "DNS:") + host, cause);
  }

  private static String describe(List<String> dns, List<String> ips, X509Certificate c) {
    List<String> all = new ArrayList<>();
    for (String d : dns) all.add("DNS:" + d);
    for (String i : ips) all.add("IP:" + i);
    if (all.isEmpty()) {
      return "no subjectAltName DNS or IP entry, only the subject '"
          + c.getSubjectX500Principal().getName() + "'";
    }
    return all.toString();
  }

  /** RFC 6125 section 6.4: case-insensitive, trailing dot ignored, wildcard as a whole left label. */
  static boolean matches(String host, String pattern) {
    String h = normalize(host);
    String p = normalize(pattern);
    if (h.isEmpty() || p.isEmpty()) return false;
    if (!p.startsWith("*.")) return h.equals(p);
    String suffix = p.substring(1);
    // "*.com" would match every .com host; ask for at least two labels after the wildcard.
    if (suffix.indexOf('.', 1) < 0 || suffix.indexOf('*') >= 0) return false;
    if (!h.endsWith(suffix)) return false;
    String label = h.substring(0, h.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  private static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** Dotted-quad IPv4 or an IPv6 literal (brackets already removed); never a DNS lookup. */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) return true;
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) return false;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3) return false;
      for (int i = 0; i < part.length(); i++) {
        if (part.charAt(i) < '0' || part.charAt(i) > '9') return false;
      }
      if (Integer.parseInt(part) > 255) return false;
    }
    return true;
  }

  /** The bytes of an IP literal; literals are parsed without a DNS lookup. */
  private static byte[] ipBytes(String literal) {
    String ip = literal.indexOf('%') >= 0 ? literal.substring(0, literal.indexOf('%')) : literal;
    if (!isIpLiteral(ip)) return new byte[0];
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      Logger.debug(e, "IP entry {} of a certificate is not an address; it matches nothing", literal);
      return new byte[0];
    }
  }

  private static String commonName(X500Principal principal) {
    String cn = null;
    // RFC 2253 lists the most specific attribute first.
    for (String rdn : principal.getName(X500Principal.RFC2253).split(",")) {
      String r = rdn.trim();
      if (r.regionMatches(true, 0, "CN=", 0, 3)) {
        cn = r.substring(3);
        break;
      }
    }
    return cn;
  }
}
