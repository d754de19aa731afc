package dev.wren.mqtt.internal.transport.tls;

import dev.wren.mqtt.TlsException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.tinylog.Logger;

/**
 * SNI and ALPN on the platform's JSSE. Both are newer than what the SDK compiles against (SNI:
 * Java 8 but Android API 24; ALPN: Java 9, 8u252, Android 29), so they are reached by
 * reflection. Stateless.
 */
final class PlatformJsse {
  private PlatformJsse() {
  }

  /**
   * Sets SNI (when {@code sniHost} is not null) and ALPN.
   *
   * @throws TlsException (UNSUPPORTED) when ALPN is asked for and the platform lacks it
   */
  static void configure(SSLSocket socket, String sniHost, List<String> alpn) throws TlsException {
    SSLParameters parameters = socket.getSSLParameters();
    if (sniHost != null) setServerName(parameters, sniHost);
    if (!alpn.isEmpty()) {
      Method setAlpn;
      try {
        setAlpn = SSLParameters.class.getMethod("setApplicationProtocols", String[].class);
      } catch (NoSuchMethodException e) {
        throw new TlsException(TlsException.Kind.UNSUPPORTED, "ALPN " + alpn + " was asked for but"
            + " the platform TLS provider of this " + System.getProperty("java.version", "?")
            + " runtime lacks it (it needs Java 9+, 8u252+ or Android 10+); add "
            + TlsProviders.BOUNCY_CASTLE_ARTIFACT + " to the class path", e);
      }
      invoke(setAlpn, parameters, (Object) alpn.toArray(new String[0]));
    }
    socket.setSSLParameters(parameters);
  }

  /**
   * Java's SSLSocket sends SNI by itself only for names with a dot, so "localhost" and
   * single-label names would go without. Android before API 24 has no SNIHostName, but its
   * provider sends SNI for the host the socket was created with.
   */
  private static void setServerName(SSLParameters parameters, String host) {
    Object name;
    Method setServerNames;
    try {
      Class<?> sniHostName = Class.forName("javax.net.ssl.SNIHostName");
      name = sniHostName.getConstructor(String.class).newInstance(host);
      setServerNames = SSLParameters.class.getMethod("setServerNames", List.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      Logger.debug("no SNIHostName here ({}); the provider sends SNI for {} itself", e, host);
      return;
    } catch (InvocationTargetException e) {
      // SNIHostName refuses names that are not valid DNS names (an underscore, for example).
      Logger.debug(e.getCause(), "no SNI for {}: not a DNS host name", host);
      return;
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("javax.net.ssl.SNIHostName cannot be built here", e);
    }
    invoke(setServerNames, parameters, Collections.singletonList(name));
  }

  /** The protocol the broker chose by ALPN, or null (also where the platform lacks ALPN). */
  static String applicationProtocol(SSLSocket socket) {
    try {
      Object chosen = SSLSocket.class.getMethod("getApplicationProtocol").invoke(socket);
      return chosen == null || "".equals(chosen) ? null : (String) chosen;
    } catch (NoSuchMethodException e) {
      return null;
    } catch (IllegalAccessException | InvocationTargetException e) {
      Logger.debug(e, "cannot ask the socket which ALPN protocol was chosen");
      return null;
    }
  }

  private static void invoke(Method method, Object target, Object argument) {
    try {
      method.invoke(target, argument);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " cannot be called here", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      throw new IllegalStateException(method + " failed", cause);
    }
  }
}
