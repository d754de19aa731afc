package dev.wren.cli;

import dev.wren.mqtt.MqttClient;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttOptions;
import dev.wren.mqtt.PacketListener;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.TlsOptions;
import dev.wren.mqtt.WebSocketOptions;
import dev.wren.mqtt.Will;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Builds the SDK's {@link MqttOptions} from the command line, and connects. */
final class ClientSetup {
  private ClientSetup() {
  }

  /**
   * @param idPrefix used for a generated client id when -i is absent, as mosquitto does
   * @throws CliException (exit 2) when the SDK rejects a value, with its reason
   */
  static MqttOptions options(CliOptions o, String idPrefix) throws CliException {
    return options(o, clientId(o, idPrefix), null);
  }

  /**
   * @param clientId see {@link #clientId}
   * @param packets told of every packet (-d), or null
   */
  static MqttOptions options(CliOptions o, String clientId, PacketListener packets)
      throws CliException {
    try {
      MqttOptions.Builder b = MqttOptions.builder()
          .serverUri(o.serverUri())
          .clientId(clientId)
          .packetListener(packets)
          .cleanSession(o.cleanSession)
          .keepAliveSeconds(o.keepAliveSeconds)
          .connectTimeout(o.timeoutSeconds, TimeUnit.SECONDS)
          .operationTimeout(o.timeoutSeconds, TimeUnit.SECONDS)
          .username(o.username)
          .password(o.password);
      if (o.tls) b.tls(tls(o));
      if (o.proxy != null) b.httpProxy(o.proxy);
      if (!o.wsHeaders.isEmpty()) {
        WebSocketOptions.Builder ws = WebSocketOptions.builder();
        for (String[] h : o.wsHeaders) ws.addHeader(h[0], h[1]);
        b.webSocket(ws.build());
      }
      if (o.willTopic != null) {
        Will.Builder will = Will.builder()
            .topic(o.willTopic)
            .payload(o.willPayload != null ? o.willPayload : "")
            .qos(o.willQos != null ? o.willQos : Qos.AT_MOST_ONCE)
            .retain(o.willRetain);
        Mqtt5Flags.will(will, o);
        b.will(will.build());
      }
      Mqtt5Flags.connect(b, o);
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.usage(Errors.oneLine(e.getMessage()));
    }
  }

  /**
   * mosquitto's TLS flags as {@link TlsOptions}; without --cafile/--capath, the system CAs. An
   * encrypted --key is decrypted here, before connecting.
   *
   * @throws CliException (exit 8) when the key cannot be read or decrypted
   */
  private static TlsOptions tls(CliOptions o) throws CliException {
    TlsOptions.Builder t = TlsOptions.builder();
    if (o.caFile != null) t.caFile(o.caFile.toFile());
    if (o.caPath != null) t.caDirectory(o.caPath.toFile());
    char[] passphrase = null;
    if (o.certFile != null) {
      passphrase = KeyPassphrase.forKey(o.keyFile, o.keyPasswordFile);
      if (passphrase == null) {
        t.clientCertificate(o.certFile.toFile(), o.keyFile.toFile());
      } else {
        t.clientCertificate(o.certFile.toFile(), o.keyFile.toFile(), passphrase);
      }
    }
    if (o.insecure) t.disableHostnameVerification();
    if (o.tlsVersion != null) t.protocols(o.tlsVersion);
    if (o.tlsAlpn != null) t.alpnProtocols(o.tlsAlpn);
    try {
      return t.build();
    } catch (IllegalArgumentException e) {
      if (passphrase == null) throw e;
      // the key: unreadable, wrong passphrase or a cipher the SDK does not decrypt
      throw new CliException(ExitCodes.TLS, Errors.oneLine(e.getMessage()));
    } finally {
      if (passphrase != null) java.util.Arrays.fill(passphrase, '\0');
    }
  }

  /** -i, or -I and the process id (as mosquitto), or {@code prefix-PID-RANDOM}. */
  static String clientId(CliOptions o, String prefix) {
    if (o.clientId != null) return o.clientId;
    if (o.idPrefix != null) return o.idPrefix + ProcessHandle.current().pid();
    return generatedId(prefix);
  }

  static String generatedId(String prefix) {
    return prefix + "-" + Long.toHexString(ProcessHandle.current().pid()) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** Connects {@code client}, turning failures into one-line errors. */
  static void connect(MqttClient client) throws CliException, InterruptedException {
    try {
      client.connect();
    } catch (MqttException e) {
      throw Errors.fromMqtt(e, "connecting to " + client.options().serverUri());
    }
  }

  /** Disconnects politely (DISCONNECT, so no Will) and releases the client. */
  static void close(MqttClient client) {
    if (client != null) client.close();
  }
}
