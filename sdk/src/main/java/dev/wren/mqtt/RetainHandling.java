package dev.wren.mqtt;

/**
 * MQTT 5: whether the broker sends the retained messages matching a filter when it is subscribed
 * ({@link Subscription.Builder#retainHandling}).
 */
public enum RetainHandling {
  /** Always, as under MQTT 3.1.1 (0, the default). */
  SEND_ON_SUBSCRIBE(0),
  /** Only when the subscription did not exist before (1): not again on a re-subscribe. */
  SEND_IF_NEW_SUBSCRIPTION(1),
  /** Never (2). */
  DO_NOT_SEND(2);

  private final int value;

  RetainHandling(int value) {
    this.value = value;
  }

  /** The value of the Retain Handling bits in SUBSCRIBE: 0, 1 or 2. */
  public int value() {
    return value;
  }
}
