package dev.wren.mqtt.internal.session;

import java.util.BitSet;

/**
 * Inbound QoS 2 packet identifiers between PUBLISH and PUBREL. A PUBLISH the broker re-sends
 * with the same identifier in that span is the same message and must reach the application once.
 * Not thread-safe: only the I/O thread uses it.
 */
public final class InboundQos2 {
  private final BitSet received = new BitSet(65536);

  /** Records a QoS 2 PUBLISH; true the first time, false for a re-send before PUBREL. */
  public boolean firstTime(int packetId) {
    if (received.get(packetId)) return false;
    received.set(packetId);
    return true;
  }

  /** The broker sent PUBREL: the identifier may now start a new message. */
  public void released(int packetId) {
    received.clear(packetId);
  }

  /** Forgets everything, for a session the broker did not keep. */
  public void clear() {
    received.clear();
  }
}
