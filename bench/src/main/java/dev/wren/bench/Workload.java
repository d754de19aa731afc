package dev.wren.bench;

/**
 * One measured scenario: a publisher sends {@code count} messages of {@code payloadBytes} at
 * {@code qos} (as fast as the window allows, or at {@code ratePerSecond}), stopping early when
 * {@code maxMillis} have passed, to one subscriber of the same library. Immutable.
 *
 * @param name the row's workload column, e.g. "QoS 1, 64 B"
 * @param ratePerSecond 0 for as fast as possible
 * @param publishers threads publishing through the one publishing client, sharing the window
 */
public record Workload(String section, String name, int qos, int payloadBytes, int count,
    long maxMillis, int ratePerSecond, int publishers) {
  /** A payload carries its sequence number (4 bytes) and its send time (8 bytes). */
  public static final int MIN_PAYLOAD = 12;

  public Workload {
    if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0..2: " + qos);
    if (payloadBytes < MIN_PAYLOAD) {
      throw new IllegalArgumentException("payloadBytes must be at least " + MIN_PAYLOAD + ": " + payloadBytes);
    }
    if (count < 1) throw new IllegalArgumentException("count must be at least 1: " + count);
    if (maxMillis < 1) throw new IllegalArgumentException("maxMillis must be at least 1: " + maxMillis);
    if (ratePerSecond < 0) throw new IllegalArgumentException("ratePerSecond must be >= 0: " + ratePerSecond);
    if (publishers < 1) throw new IllegalArgumentException("publishers must be at least 1: " + publishers);
    if (publishers > 1 && ratePerSecond > 0) {
      throw new IllegalArgumentException("a rate is for one publisher only: " + publishers + " publishers");
    }
  }

  /** One publishing thread. */
  public Workload(String section, String name, int qos, int payloadBytes, int count,
      long maxMillis, int ratePerSecond) {
    this(section, name, qos, payloadBytes, count, maxMillis, ratePerSecond, 1);
  }

  /** A copy with other counts, for the warm-up. */
  public Workload withCount(int count, long maxMillis) {
    return new Workload(section, name, qos, payloadBytes, count, maxMillis, ratePerSecond, publishers);
  }

  /** "section: name", what {@code --only} matches. */
  public String id() {
    return section + ": " + name;
  }
}
