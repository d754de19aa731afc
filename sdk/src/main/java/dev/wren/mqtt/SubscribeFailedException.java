package dev.wren.mqtt;

import java.util.Collections;
import java.util.List;

/**
 * The broker refused one or more topic filters of a SUBSCRIBE (SUBACK return code 0x80). The
 * filters it accepted stay subscribed; {@link #granted()} has one entry per filter, null where
 * refused.
 */
public final class SubscribeFailedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final List<String> refusedFilters;
  private final transient List<Qos> granted;

  public SubscribeFailedException(List<String> refusedFilters, List<Qos> granted) {
    super("broker refused subscription to " + refusedFilters
        + " (SUBACK 0x80: check the filter and the broker's ACL for this client)");
    this.refusedFilters = Collections.unmodifiableList(refusedFilters);
    this.granted = Collections.unmodifiableList(granted);
  }

  public List<String> refusedFilters() {
    return refusedFilters;
  }

  /** The granted QoS per filter in the order asked, null for each refused filter. */
  public List<Qos> granted() {
    return granted;
  }
}
