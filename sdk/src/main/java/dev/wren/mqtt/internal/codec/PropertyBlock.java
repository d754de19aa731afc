package dev.wren.mqtt.internal.codec;

/**
 * MQTT 5 PUBLISH properties as bytes of their own, exactly as a PUBLISH carries them (Property
 * Length, then the properties): how the outbound queue keeps a message's properties, in memory
 * and on disk. Pure functions.
 */
public final class PropertyBlock {
  private PropertyBlock() {}

  /**
   * @throws IllegalArgumentException if a property may not be in a PUBLISH
   */
  public static byte[] encode(Mqtt5Properties properties) {
    for (Property p : properties.present()) {
      if (!p.allowedIn(PacketType.PUBLISH)) {
        throw new IllegalArgumentException("a PUBLISH may not carry property " + p.label()
            + ": " + properties);
      }
    }
    long length = properties.encodedLength();
    if (length > PacketType.MAX_REMAINING_LENGTH) {
      throw new IllegalArgumentException("PUBLISH property length must be at most 268435455: "
          + length);
    }
    byte[] out = new byte[Mqtt311Encoder.remainingLengthSize((int) length) + (int) length];
    int pos = Mqtt311Encoder.writeRemainingLength((int) length, out, 0);
    pos = properties.write(out, pos);
    if (pos != out.length) throw new AssertionError("wrote " + pos + " of " + out.length);
    return out;
  }

  /**
   * The properties {@link #encode} wrote, checked as a PUBLISH's are.
   *
   * @throws MalformedPacketException when the bytes are not such a block
   */
  public static Mqtt5Properties decode(byte[] block) throws MalformedPacketException {
    BodyReader in = new BodyReader(PacketType.PUBLISH, block, 0, block.length);
    Mqtt5Properties p = Mqtt5PropertyReader.read(in, PacketType.PUBLISH);
    if (in.hasRemaining()) {
      throw new MalformedPacketException("PUBLISH property block has " + in.remaining()
          + " bytes after its properties");
    }
    return p;
  }
}
