package dev.wren.mqtt.internal.codec;

/**
 * A fixed header announced a packet larger than the configured maximum. Thrown as soon as the
 * remaining length is known, before any buffer for the body is allocated.
 */
public final class PacketTooLargeException extends MalformedPacketException {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final int maxSize;

  public PacketTooLargeException(int size, int maxSize) {
    super("packet of " + size + " bytes exceeds the maximum packet size of " + maxSize
        + " bytes (raise maxInboundPacketSize to accept it)");
    this.size = size;
    this.maxSize = maxSize;
  }

  /** The whole packet's size in bytes, fixed header included. */
  public int size() {
    return size;
  }

  public int maxSize() {
    return maxSize;
  }
}
