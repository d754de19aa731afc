package dev.wren.mqtt;

import dev.wren.mqtt.internal.codec.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An MQTT 5 broker refused to remove one or more topic filters of an UNSUBSCRIBE (an UNSUBACK
 * code of 0x80 or more, such as 0x87 not authorized). {@link #reasonCodes()} has the code per
 * filter; 0x11 (no subscription existed) is not a failure.
 */
public final class UnsubscribeFailedException extends MqttException {
  private static final long serialVersionUID = 1L;

  private final List<String> refusedFilters;
  private final List<Integer> reasonCodes;
  private final String reasonString;

  public UnsubscribeFailedException(List<String> filters, List<Integer> reasonCodes,
      String reasonString) {
    super(message(filters, reasonCodes, reasonString));
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      if (reasonCodes.get(i) >= 0x80) refused.add(filters.get(i));
    }
    this.refusedFilters = Collections.unmodifiableList(refused);
    this.reasonCodes = Collections.unmodifiableList(new ArrayList<>(reasonCodes));
    this.reasonString = reasonString;
  }

  public List<String> refusedFilters() {
    return refusedFilters;
  }

  /** The UNSUBACK reason code per filter, in the order asked. */
  public List<Integer> reasonCodes() {
    return reasonCodes;
  }

  /** The broker's Reason String, or null. */
  public String reasonString() {
    return reasonString;
  }

  private static String message(List<String> filters, List<Integer> codes, String reasonString) {
    StringBuilder s = new StringBuilder("broker refused to unsubscribe ");
    boolean first = true;
    for (int i = 0; i < filters.size(); i++) {
      int code = codes.get(i);
      if (code < 0x80) continue;
      if (!first) s.append(", ");
      first = false;
      s.append('\'').append(filters.get(i)).append("' (UNSUBACK ")
          .append(String.format("0x%02X", code)).append(' ').append(ReasonCode.name(code))
          .append(')');
    }
    if (reasonString != null) s.append(": \"").append(reasonString).append('"');
    return s.toString();
  }
}
