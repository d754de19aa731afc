package dev.wren.mqtt.internal.codec;

/** An MQTT 5.0 UTF-8 string pair, the value of a User Property. Immutable and thread-safe. */
public final class StringPair {
  private final String name;
  private final String value;

  /** Null-checked only; {@link Mqtt5Properties.Builder} checks the MQTT string rules. */
  public StringPair(String name, String value) {
    if (name == null) throw new NullPointerException("name == null");
    if (value == null) throw new NullPointerException("value == null");
    this.name = name;
    this.value = value;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof StringPair)) return false;
    StringPair that = (StringPair) other;
    return name.equals(that.name) && value.equals(that.value);
  }

  @Override public int hashCode() {
    return 31 * name.hashCode() + value.hashCode();
  }

  @Override public String toString() {
    return name + "=" + value;
  }
}
