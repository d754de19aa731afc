package dev.wren.mqtt.internal.client;

import java.util.List;

/** A SUBSCRIBE or UNSUBSCRIBE waiting for its SUBACK or UNSUBACK. Immutable. */
final class PendingRequest {
  final int packetId;
  final boolean subscribe;
  final List<String> filters;
  final CompletionImpl<?> completion;

  PendingRequest(int packetId, boolean subscribe, List<String> filters, CompletionImpl<?> completion) {
    this.packetId = packetId;
    this.subscribe = subscribe;
    this.filters = filters;
    this.completion = completion;
  }
}
