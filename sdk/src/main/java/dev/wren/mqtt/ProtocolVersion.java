package dev.wren.mqtt;

/**
 * The MQTT version a client speaks ({@link MqttOptions.Builder#protocolVersion}). One client, one
 * jar, either version; the default is {@link #MQTT_3_1_1}, which every broker accepts (some cloud
 * brokers accept nothing newer). Choose {@link #MQTT_5_0} for reason codes, message and session
 * expiry on the wire, Receive Maximum, user properties and the other 5.0 features; options that
 * only 5.0 has fail {@link MqttOptions.Builder#build()} (or {@code publish}) on 3.1.1, naming the
 * option, instead of being dropped.
 */
public enum ProtocolVersion {
  /** MQTT 3.1.1 (OASIS, 2014), protocol level 4. */
  MQTT_3_1_1(4, "3.1.1"),
  /** MQTT 5.0 (OASIS, 2019), protocol level 5. */
  MQTT_5_0(5, "5.0");

  private final int level;
  private final String label;

  ProtocolVersion(int level, String label) {
    this.level = level;
    this.label = label;
  }

  /** The protocol level byte CONNECT carries: 4 or 5. */
  public int level() {
    return level;
  }

  /** "3.1.1" or "5.0". */
  @Override public String toString() {
    return label;
  }
}
