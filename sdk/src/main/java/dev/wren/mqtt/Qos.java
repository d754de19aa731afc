package dev.wren.mqtt;

/** MQTT quality of service levels. */
public enum Qos {
  /** At most once: fire and forget. */
  AT_MOST_ONCE,
  /** At least once: acknowledged with PUBACK; may arrive twice. */
  AT_LEAST_ONCE,
  /** Exactly once: the four-step PUBREC/PUBREL/PUBCOMP flow. */
  EXACTLY_ONCE;

  /** The level as it appears on the wire: 0, 1 or 2. */
  public int value() {
    return ordinal();
  }

  /** The level for a wire value; throws {@link IllegalArgumentException} unless 0, 1 or 2. */
  public static Qos of(int value) {
    switch (value) {
      case 0: return AT_MOST_ONCE;
      case 1: return AT_LEAST_ONCE;
      case 2: return EXACTLY_ONCE;
      default: throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + value);
    }
  }
}
