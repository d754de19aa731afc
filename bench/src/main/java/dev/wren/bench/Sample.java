package dev.wren.bench;

import dev.wren.bench.driver.Persistence;

/**
 * The outcome of one measurement of one library. Immutable (the latency array is not copied:
 * nothing writes it after the measurement).
 *
 * @param persistence where the publisher kept its unacknowledged messages
 * @param seconds from the first publish to the last receipt
 * @param latencyNanos each received message's publish-to-receive time, or null when not measured
 * @param cpuNanos CPU time of the JVM's threads from the first publish to the last receipt
 *     ({@link ThreadMeter}), -1 when not measured
 * @param allocatedBytes bytes those threads allocated in that time, -1 when not measured
 * @param endedThreads threads that ended in that time, whose use is not counted
 */
public record Sample(String library, Workload workload, Persistence persistence, int published,
    int received, int duplicates, double seconds, long[] latencyNanos, long cpuNanos,
    long allocatedBytes, int endedThreads) {

  /** A sample without CPU and allocation figures. */
  public Sample(String library, Workload workload, Persistence persistence, int published,
      int received, int duplicates, double seconds, long[] latencyNanos) {
    this(library, workload, persistence, published, received, duplicates, seconds, latencyNanos, -1, -1, 0);
  }

  public int lost() {
    return published - received;
  }

  /** Distinct messages received per second. */
  public double throughput() {
    return seconds > 0 ? received / seconds : 0;
  }

  /** Whether CPU time and allocation were measured. */
  public boolean metered() {
    return cpuNanos >= 0 && allocatedBytes >= 0 && published > 0;
  }

  /** CPU microseconds per published message, publisher and subscriber together. */
  public double cpuMicrosPerMessage() {
    requireMetered();
    return cpuNanos / 1_000.0 / published;
  }

  /** Bytes allocated per published message, publisher and subscriber together. */
  public double allocatedBytesPerMessage() {
    requireMetered();
    return (double) allocatedBytes / published;
  }

  private void requireMetered() {
    if (!metered()) throw new IllegalStateException("no CPU or allocation measured for " + library + " in " + workload.id());
  }

  /** The latency at percentile {@code p} (0 < p <= 100) in microseconds, nearest rank. */
  public double latencyMicros(double p) {
    if (latencyNanos == null || latencyNanos.length == 0) {
      throw new IllegalStateException("no latencies recorded for " + library + " in " + workload.id());
    }
    return Stats.percentile(latencyNanos, p) / 1_000.0;
  }

  /**
   * Fails the run when QoS 1 or 2 lost a message, or QoS 2 delivered one twice: the numbers of a
   * client that breaks its QoS promise are not worth comparing.
   */
  public void requireQosKept() {
    int qos = workload.qos();
    if (qos > 0 && lost() != 0) {
      throw new IllegalStateException("QoS " + qos + " lost messages: " + library + " ("
          + persistence + ") received " + received + " of " + published + " in '" + workload.id()
          + "'; the run is invalid");
    }
    if (qos == 2 && duplicates != 0) {
      throw new IllegalStateException("QoS 2 delivered " + duplicates + " duplicates: " + library
          + " (" + persistence + ") in '" + workload.id() + "'; the run is invalid");
    }
  }
}
