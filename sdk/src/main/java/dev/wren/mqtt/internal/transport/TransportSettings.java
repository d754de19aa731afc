package dev.wren.mqtt.internal.transport;

import dev.wren.mqtt.HttpProxy;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.TlsOptions;

/**
 * What {@link Transports} needs to know besides the address: the TLS settings and the proxy.
 * The one place where the transport layer reads {@link MqttOptions}. Immutable.
 */
public final class TransportSettings {
  private final TlsOptions tls;
  private final HttpProxy proxy;

  /**
   * @param tls the TLS settings, used when the address is secure; null for the defaults
   * @param proxy the HTTP proxy, or null to connect directly
   */
  public TransportSettings(TlsOptions tls, HttpProxy proxy) {
    this.tls = tls;
    this.proxy = proxy;
  }

  public static TransportSettings from(MqttOptions options) {
    return new TransportSettings(options.tls(), options.httpProxy());
  }

  /** The TLS settings for a secure address (the defaults when none were given). */
  public TlsOptions tls() {
    return tls != null ? tls : TlsOptions.defaults();
  }

  /** The HTTP proxy, or null. */
  public HttpProxy proxy() {
    return proxy;
  }
}
