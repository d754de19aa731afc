package dev.wren.android.sample;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * One sensor reading: which sensor, its unit, its values and when it was taken, and how it goes on
 * the wire (a small JSON object, formatted the same in every locale). Immutable; no Android types.
 */
public final class Reading {
  private static final Charset UTF_8 = Charset.forName("UTF-8");

  private final String sensor;
  private final String unit;
  private final float[] values;
  private final long timeMillis;

  /**
   * @param sensor a short name that is also the last topic level ("light", "timer"): letters,
   *     digits, '-' and '_' only
   * @param unit the unit of the values, for people ("lx", "m/s2"); may be empty
   * @param timeMillis wall-clock time of the reading, milliseconds since 1970
   */
  public Reading(String sensor, String unit, float[] values, long timeMillis) {
    if (sensor == null) throw new NullPointerException("sensor == null");
    if (unit == null) throw new NullPointerException("unit == null");
    if (values == null) throw new NullPointerException("values == null");
    if (!sensor.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("sensor name must be 1 to 64 of [A-Za-z0-9_-]: \"" + sensor + "\"");
    }
    if (values.length == 0) throw new IllegalArgumentException("a reading of " + sensor + " has no values");
    this.sensor = sensor;
    this.unit = unit;
    this.values = values.clone();
    this.timeMillis = timeMillis;
  }

  public String sensor() {
    return sensor;
  }

  public String unit() {
    return unit;
  }

  public float[] values() {
    return values.clone();
  }

  public long timeMillis() {
    return timeMillis;
  }

  /** The topic of this reading under {@code prefix}: {@code prefix/sensor}. */
  public String topicUnder(String prefix) {
    return prefix + "/" + sensor;
  }

  /**
   * The payload: {@code {"sensor":"light","unit":"lx","seq":7,"time":1700000000000,"values":[312.5]}}.
   * Numbers use '.' whatever the phone's locale; NaN and infinities, which JSON cannot hold,
   * become null.
   */
  public byte[] toJson(long seq) {
    StringBuilder sb = new StringBuilder(96);
    sb.append("{\"sensor\":");
    quote(sb, sensor);
    sb.append(",\"unit\":");
    quote(sb, unit);
    sb.append(",\"seq\":").append(seq).append(",\"time\":").append(timeMillis).append(",\"values\":[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) sb.append(',');
      float v = values[i];
      if (Float.isNaN(v) || Float.isInfinite(v)) {
        sb.append("null");
      } else {
        sb.append(Float.toString(v));
      }
    }
    return sb.append("]}").toString().getBytes(UTF_8);
  }

  /** For the screen: {@code light 312.5 lx}, three values at most. */
  public String toShortText() {
    StringBuilder sb = new StringBuilder(sensor);
    int shown = Math.min(values.length, 3);
    for (int i = 0; i < shown; i++) sb.append(i == 0 ? " " : ", ").append(Float.toString(values[i]));
    if (values.length > shown) sb.append(", …");
    if (!unit.isEmpty()) sb.append(' ').append(unit);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof Reading)) return false;
    Reading o = (Reading) other;
    return sensor.equals(o.sensor) && unit.equals(o.unit) && timeMillis == o.timeMillis
        && Arrays.equals(values, o.values);
  }

  @Override public int hashCode() {
    return (sensor.hashCode() * 31 + Arrays.hashCode(values)) * 31 + (int) timeMillis;
  }

  @Override public String toString() {
    return toShortText() + " @" + timeMillis;
  }
}
