package dev.wren.mqtt.internal.codec;

/**
 * Reads a 5.0 property list (Property Length, then properties) for {@link Mqtt5Decoder}, with
 * every rule a receiver checks: the list within the packet, known identifiers, each allowed in
 * the packet (or the will), single-valued ones at most once, and the value rules of
 * {@link Property}. Holds no state.
 */
final class Mqtt5PropertyReader {
  private Mqtt5PropertyReader() {}

  /** The properties of a packet of {@code type}. */
  static Mqtt5Properties read(BodyReader in, int type) throws MalformedPacketException {
    return read(in, type, false);
  }

  /** The Will Properties of a CONNECT. */
  static Mqtt5Properties readWill(BodyReader in) throws MalformedPacketException {
    return read(in, PacketType.CONNECT, true);
  }

  private static Mqtt5Properties read(BodyReader in, int type, boolean will)
      throws MalformedPacketException {
    String where = will ? "will property" : "property";
    int length = in.readVariableByteInt(where + " length");
    if (length == 0) return Mqtt5Properties.EMPTY;
    BodyReader list = in.slice(where + " length", length);
    Mqtt5Properties.Builder b = Mqtt5Properties.builder();
    while (list.hasRemaining()) {
      int id = list.readByte(where + " identifier");
      Property p = Property.byId(id);
      if (p == null) {
        throw new MalformedPacketException(
            in.packet() + " " + where + " identifier is unknown: " + Bytes.hex(id));
      }
      String field = where + " " + p.label();
      if (will ? !p.allowedInWill() : !p.allowedIn(type)) {
        throw new MalformedPacketException(in.packet() + " " + field + " is not allowed in "
            + (will ? "the Will Properties" : in.packet()));
      }
      readValue(list, type, p, field, b);
    }
    return b.build();
  }

  private static void readValue(BodyReader in, int type, Property p, String field,
      Mqtt5Properties.Builder b) throws MalformedPacketException {
    switch (p.type()) {
      case UTF8_STRING: {
        String value = in.readString(field);
        once(in, type, p, field, b, "\"" + value + "\"");
        b.put(p, value);
        return;
      }
      case BINARY: {
        byte[] value = in.readBinary(field);
        once(in, type, p, field, b, value.length + " bytes");
        b.put(p, value);
        return;
      }
      case UTF8_PAIR: {
        String name = in.readString(field + " name");
        b.addUserProperty(name, in.readString(field + " value"));
        return;
      }
      default: break;
    }
    long value;
    switch (p.type()) {
      case BYTE: value = in.readByte(field); break;
      case TWO_BYTE_INT: value = in.readUnsignedShort(field); break;
      case FOUR_BYTE_INT: value = in.readFourByteInt(field); break;
      default: value = in.readVariableByteInt(field); break;
    }
    once(in, type, p, field, b, Long.toString(value));
    String problem = p.numericProblem(value);
    if (problem != null) {
      throw new MalformedPacketException(in.packet() + " " + field + " " + problem + ": " + value);
    }
    b.put(p, value);
  }

  /** A property other than User Property (and Subscription Identifier in PUBLISH) once only. */
  private static void once(BodyReader in, int type, Property p, String field,
      Mqtt5Properties.Builder b, String value) throws MalformedPacketException {
    if (b.has(p) && !p.repeatable(type)) {
      throw new MalformedPacketException(
          in.packet() + " " + field + " given twice: " + b.shown(p) + " then " + value);
    }
  }
}
