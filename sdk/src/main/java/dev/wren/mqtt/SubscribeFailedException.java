package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The broker refused one or more topic filters of a SUBSCRIBE (a SUBACK code of 0x80 or more:
 * 3.1.1 has only 0x80, MQTT 5 says why, e.g. 0x87 not authorized or 0x8F topic filter invalid).
 * The filters it accepted stay subscribed; {@link #granted()} has one entry per filter, null
 * where refused, and {@link #reasonCodes()} the code per filter.
 */
public final class SubscribeFailedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final List<String> refusedFilters;
  private final transient List<Qos> granted;
  private final List<Integer> reasonCodes;
  private final String reasonString;

  /** For MQTT 3.1.1: every refused filter has code 0x80. */
  public SubscribeFailedException(List<String> refusedFilters, List<Qos> granted) {
    this(refusedFilters, granted, codesOf(granted), null);
  }

  /**
   * @param reasonCodes the SUBACK code per filter, in the order asked
   * @param reasonString the broker's Reason String (MQTT 5), or null
   */
  public SubscribeFailedException(List<String> refusedFilters, List<Qos> granted,
      List<Integer> reasonCodes, String reasonString) {
    super(message(refusedFilters, granted, reasonCodes, reasonString));
    this.refusedFilters = Collections.unmodifiableList(new ArrayList<>(refusedFilters));
    this.granted = Collections.unmodifiableList(new ArrayList<>(granted));
    this.reasonCodes = Collections.unmodifiableList(new ArrayList<>(reasonCodes));
    this.reasonString = reasonString;
  }

  public List<String> refusedFilters() {
    return refusedFilters;
  }

  /** The granted QoS per filter in the order asked, null for each refused filter. */
  public List<Qos> granted() {
    return granted;
  }

  /** The SUBACK code per filter in the order asked: the granted QoS, or 0x80 and above. */
  public List<Integer> reasonCodes() {
    return reasonCodes;
  }

  /** The broker's Reason String (MQTT 5), or null. */
  public String reasonString() {
    return reasonString;
  }

  private static List<Integer> codesOf(List<Qos> granted) {
    List<Integer> codes = new ArrayList<>(granted.size());
    for (Qos q : granted) codes.add(q == null ? 0x80 : q.value());
    return codes;
  }

  private static String message(List<String> refused, List<Qos> granted, List<Integer> codes,
      String reasonString) {
    StringBuilder s = new StringBuilder("broker refused subscription to ");
    boolean detailed = false;
    for (int code : codes) detailed |= code > 0x80;
    if (!detailed) {
      s.append(refused).append(" (SUBACK 0x80: check the filter and the broker's ACL for this"
          + " client)");
    } else {
      // Pair each refused filter with its code; refused filters are those with null granted.
      int r = 0;
      for (int i = 0; i < granted.size() && r < refused.size(); i++) {
        if (granted.get(i) != null) continue;
        if (r > 0) s.append(", ");
        s.append('\'').append(refused.get(r++)).append("' (SUBACK ")
            .append(String.format("0x%02X", codes.get(i))).append(' ')
            .append(ReasonCode.name(codes.get(i))).append(')');
      }
    }
    if (reasonString != null) s.append(": \"").append(reasonString).append('"');
    return s.toString();
  }
}
