package dev.wren.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The property list of an MQTT 5.0 packet (or of a CONNECT's will), as a value. Immutable and
 * thread-safe: binary values are copied in by the builder and out by {@link #binary}. Empty under
 * MQTT 3.1.1. Which packet may carry which property is checked by the encoder and decoder, not
 * here: the same list may be built before it is known where it goes.
 */
public final class Mqtt5Properties {
  /** Before EMPTY: building it reads this. */
  private static final Property[] ALL = Property.values();

  public static final Mqtt5Properties EMPTY = new Builder().build();

  /** By ordinal: Long, String or byte[]; null when absent. The two lists are kept apart. */
  private final Object[] values;
  private final List<StringPair> userProperties;
  private final List<Integer> subscriptionIdentifiers;

  private Mqtt5Properties(Builder b) {
    this.values = b.values.clone();
    this.userProperties = Collections.unmodifiableList(new ArrayList<>(b.userProperties));
    this.subscriptionIdentifiers =
        Collections.unmodifiableList(new ArrayList<>(b.subscriptionIdentifiers));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these properties, to add to or change. */
  public Builder toBuilder() {
    Builder b = new Builder();
    System.arraycopy(values, 0, b.values, 0, values.length); // byte[] are never written to
    b.userProperties.addAll(userProperties);
    b.subscriptionIdentifiers.addAll(subscriptionIdentifiers);
    return b;
  }

  public boolean isEmpty() {
    if (!userProperties.isEmpty() || !subscriptionIdentifiers.isEmpty()) return false;
    for (Object v : values) if (v != null) return false;
    return true;
  }

  public boolean has(Property p) {
    if (p == Property.USER_PROPERTY) return !userProperties.isEmpty();
    if (p == Property.SUBSCRIPTION_IDENTIFIER) return !subscriptionIdentifiers.isEmpty();
    return values[p.ordinal()] != null;
  }

  /**
   * The value of a BYTE, TWO_BYTE_INT or VARIABLE_BYTE_INT property (for Subscription Identifier
   * the first), or {@code absent}.
   */
  public int intValue(Property p, int absent) {
    if (p.type() == Property.Type.FOUR_BYTE_INT) {
      throw new IllegalArgumentException(p.label() + " is unsigned 32-bit: use longValue");
    }
    return (int) longValue(p, absent);
  }

  /** Any numeric property's value, FOUR_BYTE_INT as unsigned 0..4294967295, or {@code absent}. */
  public long longValue(Property p, long absent) {
    if (p == Property.SUBSCRIPTION_IDENTIFIER) {
      return subscriptionIdentifiers.isEmpty() ? absent : subscriptionIdentifiers.get(0);
    }
    switch (p.type()) {
      case UTF8_STRING: case BINARY: case UTF8_PAIR:
        throw new IllegalArgumentException(p.label() + " is not a number: " + p.type());
      default: break;
    }
    Object v = values[p.ordinal()];
    if (v == null) return absent;
    return (Long) v;
  }

  /** A UTF8_STRING property's value, or null when absent. */
  public String string(Property p) {
    Object v = values[p.ordinal()];
    return v instanceof String ? (String) v : null;
  }

  /** A copy of a BINARY property's value, or null when absent. */
  public byte[] binary(Property p) {
    byte[] v = binaryBytes(p);
    return v != null ? v.clone() : null;
  }

  /** Without copying, for the encoder. */
  byte[] binaryBytes(Property p) {
    Object v = values[p.ordinal()];
    return v instanceof byte[] ? (byte[]) v : null;
  }

  /** In wire order; names may repeat. Unmodifiable. */
  public List<StringPair> userProperties() {
    return userProperties;
  }

  /** In wire order: one in SUBSCRIBE, any number in PUBLISH. Unmodifiable. */
  public List<Integer> subscriptionIdentifiers() {
    return subscriptionIdentifiers;
  }

  /** The properties present, in identifier order. */
  List<Property> present() {
    List<Property> out = new ArrayList<>();
    for (Property p : ALL) if (has(p)) out.add(p);
    return out;
  }

  /**
   * The bytes the properties take on the wire, without the Property Length in front of them.
   * Long, since 65,535-byte strings add up; the encoder checks the total.
   */
  public long encodedLength() {
    long length = 0;
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) continue;
      length += 1;
      switch (ALL[i].type()) {
        case BYTE: length += 1; break;
        case TWO_BYTE_INT: length += 2; break;
        case FOUR_BYTE_INT: length += 4; break;
        case UTF8_STRING: length += 2 + MqttStrings.utf8Length((String) v); break;
        case BINARY: length += 2 + ((byte[]) v).length; break;
        default: throw new AssertionError(ALL[i]);
      }
    }
    for (int id : subscriptionIdentifiers) length += 1 + Mqtt311Encoder.remainingLengthSize(id);
    for (StringPair pair : userProperties) {
      length += 5 + MqttStrings.utf8Length(pair.name()) + MqttStrings.utf8Length(pair.value());
    }
    return length;
  }

  /**
   * Writes the properties (not their length) at {@code pos} in identifier order, the repeatable
   * ones in their wire order; returns the offset after them.
   */
  int write(byte[] out, int pos) {
    for (int i = 0; i < values.length; i++) {
      Property p = ALL[i];
      if (p == Property.SUBSCRIPTION_IDENTIFIER) {
        for (int id : subscriptionIdentifiers) {
          out[pos++] = (byte) p.id();
          pos = Mqtt311Encoder.writeRemainingLength(id, out, pos);
        }
        continue;
      }
      if (p == Property.USER_PROPERTY) {
        for (StringPair pair : userProperties) {
          out[pos++] = (byte) p.id();
          pos = MqttStrings.encode(pair.name(), out, pos);
          pos = MqttStrings.encode(pair.value(), out, pos);
        }
        continue;
      }
      Object v = values[i];
      if (v == null) continue;
      out[pos++] = (byte) p.id();
      switch (p.type()) {
        case BYTE: out[pos++] = (byte) (long) (Long) v; break;
        case TWO_BYTE_INT: pos = writeInt((Long) v, 2, out, pos); break;
        case FOUR_BYTE_INT: pos = writeInt((Long) v, 4, out, pos); break;
        case UTF8_STRING: pos = MqttStrings.encode((String) v, out, pos); break;
        case BINARY: {
          byte[] data = (byte[]) v;
          pos = writeInt(data.length, 2, out, pos);
          System.arraycopy(data, 0, out, pos, data.length);
          pos += data.length;
          break;
        }
        default: throw new AssertionError(p);
      }
    }
    return pos;
  }

  private static int writeInt(long value, int size, byte[] out, int pos) {
    for (int i = size - 1; i >= 0; i--) out[pos++] = (byte) (value >> (8 * i));
    return pos;
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Mqtt5Properties)) return false;
    Mqtt5Properties that = (Mqtt5Properties) other;
    return Arrays.deepEquals(values, that.values) && userProperties.equals(that.userProperties)
        && subscriptionIdentifiers.equals(that.subscriptionIdentifiers);
  }

  @Override public int hashCode() {
    return (Arrays.deepHashCode(values) * 31 + userProperties.hashCode()) * 31
        + subscriptionIdentifiers.hashCode();
  }

  /** Binary values show their length only: Correlation and Authentication Data may be secret. */
  @Override public String toString() {
    StringBuilder out = new StringBuilder("Mqtt5Properties{");
    String sep = "";
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) continue;
      out.append(sep).append(ALL[i].specName()).append('=');
      out.append(v instanceof byte[] ? ((byte[]) v).length + " bytes" : v);
      sep = ", ";
    }
    if (!subscriptionIdentifiers.isEmpty()) {
      out.append(sep).append("Subscription Identifier=").append(subscriptionIdentifiers);
      sep = ", ";
    }
    if (!userProperties.isEmpty()) out.append(sep).append("User Property=").append(userProperties);
    return out.append('}').toString();
  }

  /**
   * Collects properties, checking each value against its property's type and the spec's value
   * rules as it is put. Not thread-safe; {@link #build} copies, so a builder may be reused.
   */
  public static final class Builder {
    private final Object[] values = new Object[ALL.length];
    private final List<StringPair> userProperties = new ArrayList<>();
    private final List<Integer> subscriptionIdentifiers = new ArrayList<>();

    private Builder() {}

    /**
     * Sets a numeric property (Subscription Identifier: adds one).
     *
     * @throws IllegalArgumentException if {@code p} is not numeric, the value is out of its range
     *     or breaks its rule, or {@code p} was put before
     */
    public Builder put(Property p, long value) {
      String problem = p.numericProblem(value);
      if (problem != null) {
        throw new IllegalArgumentException(p.label() + " " + problem + ": " + value);
      }
      if (p == Property.SUBSCRIPTION_IDENTIFIER) return addSubscriptionIdentifier((int) value);
      return set(p, Long.valueOf(value), value);
    }

    /** Sets a UTF8_STRING property; the string must be a valid MQTT string. */
    public Builder put(Property p, String value) {
      if (value == null) throw new NullPointerException(p.label() + " == null");
      if (p.type() != Property.Type.UTF8_STRING) {
        throw new IllegalArgumentException(p.label() + " is a " + p.type()
            + " property, not a string: \"" + value + "\"");
      }
      MqttStrings.fieldLength(p.label(), value);
      return set(p, value, "\"" + value + "\"");
    }

    /** Sets a BINARY property to a copy of {@code value}, at most 65535 bytes. */
    public Builder put(Property p, byte[] value) {
      if (value == null) throw new NullPointerException(p.label() + " == null");
      if (p.type() != Property.Type.BINARY) {
        throw new IllegalArgumentException(p.label() + " is a " + p.type()
            + " property, not binary: " + value.length + " bytes");
      }
      Connect.checkBinaryLength(p.label(), value);
      return set(p, value.clone(), value.length + " bytes");
    }

    /** Adds a User Property; both strings must be valid MQTT strings. Names may repeat. */
    public Builder addUserProperty(String name, String value) {
      if (name == null) throw new NullPointerException("User Property name == null");
      if (value == null) throw new NullPointerException("User Property value == null");
      MqttStrings.fieldLength("User Property (0x26) name", name);
      MqttStrings.fieldLength("User Property (0x26) value of \"" + name + "\"", value);
      userProperties.add(new StringPair(name, value));
      return this;
    }

    /** Adds a Subscription Identifier, 1..268435455. */
    public Builder addSubscriptionIdentifier(int id) {
      String problem = Property.SUBSCRIPTION_IDENTIFIER.numericProblem(id);
      if (problem != null) {
        throw new IllegalArgumentException(
            Property.SUBSCRIPTION_IDENTIFIER.label() + " " + problem + ": " + id);
      }
      subscriptionIdentifiers.add(id);
      return this;
    }

    /** Whether {@code p} was put (for the decoder's "given twice"). */
    boolean has(Property p) {
      if (p == Property.USER_PROPERTY) return !userProperties.isEmpty();
      if (p == Property.SUBSCRIPTION_IDENTIFIER) return !subscriptionIdentifiers.isEmpty();
      return values[p.ordinal()] != null;
    }

    /** The value put for {@code p}, shown as errors show it. */
    String shown(Property p) {
      Object v = values[p.ordinal()];
      if (p == Property.SUBSCRIPTION_IDENTIFIER) v = subscriptionIdentifiers.get(0);
      if (v instanceof byte[]) return ((byte[]) v).length + " bytes";
      return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private Builder set(Property p, Object value, Object shown) {
      if (values[p.ordinal()] != null) {
        throw new IllegalArgumentException(p.label() + " given twice: " + shown(p) + " then "
            + shown);
      }
      values[p.ordinal()] = value;
      return this;
    }

    public Mqtt5Properties build() {
      return new Mqtt5Properties(this);
    }
  }
}
