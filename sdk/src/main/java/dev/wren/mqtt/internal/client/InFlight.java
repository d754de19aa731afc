package dev.wren.mqtt.internal.client;

/**
 * A queued QoS 1/2 message that was sent on the current connection and waits for the broker:
 * its sequence number in the queue and which acknowledgement it waits for. Guarded by the
 * {@link OutboundFlow}'s lock.
 */
final class InFlight {
  enum Stage { AWAITING_PUBACK, AWAITING_PUBREC, AWAITING_PUBCOMP }

  final long seq;
  final int packetId;
  Stage stage;

  InFlight(long seq, int packetId, Stage stage) {
    this.seq = seq;
    this.packetId = packetId;
    this.stage = stage;
  }
}
