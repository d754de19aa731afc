package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.MalformedStringException;
import dev.wren.mqtt.internal.codec.MqttStrings;

/**
 * An MQTT 5 user property: a name and a value, both UTF-8 strings, that a message, a CONNECT or
 * a DISCONNECT carries for the application. Names may repeat and order is kept. Immutable.
 */
public final class UserProperty {
  private final String name;
  private final String value;

  private UserProperty(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException if either string is not valid MQTT UTF-8 (at most 65535
   *     bytes, no U+0000, no unpaired surrogate)
   */
  public static UserProperty of(String name, String value) {
    if (name == null) throw new NullPointerException("name == null");
    if (value == null) throw new NullPointerException("value == null");
    check("user property name", name);
    check("user property value of '" + name + "'", value);
    return new UserProperty(name, value);
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  private static void check(String what, String s) {
    try {
      MqttStrings.check(s);
    } catch (MalformedStringException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  @Override public boolean equals(Object other) {
    return other instanceof UserProperty && ((UserProperty) other).name.equals(name)
        && ((UserProperty) other).value.equals(value);
  }

  @Override public int hashCode() {
    return name.hashCode() * 31 + value.hashCode();
  }

  @Override public String toString() {
    return name + "=" + value;
  }
}
