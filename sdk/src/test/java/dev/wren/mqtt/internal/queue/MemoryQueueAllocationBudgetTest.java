package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A budget, not a timing: the bytes one message costs the memory queue from append to
 * acknowledgement, counted by the JVM ({@code getThreadAllocatedBytes}), so that a payload copy,
 * a map entry, a boxed key or an object per hand-out coming back fails here.
 */
class MemoryQueueAllocationBudgetTest {
  private static final int WINDOW = 100;
  private static final int WARM_UP_ROUNDS = 300;
  private static final int COUNTED_ROUNDS = 300;
  /**
   * Measured 2026-12-03 on JDK 17: 48 B per message, the one {@code QueuedMessage}. About twice
   * that, so that other JVMs do not make it flaky; before the ring the queue took 416 B (QoS 1)
   * and 440 B (QoS 2).
   */
  private static final long BUDGET_BYTES_PER_MESSAGE = 96;

  @ParameterizedTest @ValueSource(ints = {1, 2})
  void aMessageCostsTheQueueNoMoreThanItsBudget(int qos) throws IOException {
    OutboundQueue q = new MemoryQueue(QueueOptions.memory(10_000), new RecordingListener());
    byte[] payload = new byte[64];
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP_ROUNDS; i++) round(q, "sensors/t1", payload, qos);
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < COUNTED_ROUNDS; i++) round(q, "sensors/t1", payload, qos);
    long perMessage = (threads.getCurrentThreadAllocatedBytes() - before)
        / ((long) COUNTED_ROUNDS * WINDOW);
    assertEquals(0, q.size());
    System.out.println("memory queue, QoS " + qos + ": " + perMessage + " B per message");
    assertTrue(perMessage <= BUDGET_BYTES_PER_MESSAGE, "the memory queue allocated " + perMessage
        + " B per QoS " + qos + " message, over the budget of " + BUDGET_BYTES_PER_MESSAGE
        + " B: look for a new copy or object per append, next or acknowledgement (JFR's"
        + " jdk.ObjectAllocationSample shows where)");
  }

  /** A window's worth appended, handed out, PUBREL recorded for QoS 2, acknowledged in order. */
  private static void round(OutboundQueue q, String topic, byte[] payload, int qos)
      throws IOException {
    for (int i = 0; i < WINDOW; i++) q.append(topic, payload, qos, false);
    for (int i = 0; i < WINDOW; i++) {
      long seq = q.next().seq();
      if (qos == 2) q.pubrelSent(seq);
      q.acknowledged(seq);
    }
  }
}
