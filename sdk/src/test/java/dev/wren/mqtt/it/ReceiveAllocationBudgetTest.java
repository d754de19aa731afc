package dev.wren.mqtt.it;

import static dev.wren.mqtt.testing.Wire.SUBSCRIBE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.Qos;
import dev.wren.mqtt.testing.AgainstFakeBroker;
import dev.wren.mqtt.testing.Wire;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A budget, not a timing: the bytes the I/O thread allocates per inbound QoS 0 message, counted by
 * the JVM ({@code getThreadAllocatedBytes}), so a change that brings back a per-message copy or
 * object on the receive path fails here instead of in the next benchmark run.
 */
class ReceiveAllocationBudgetTest extends AgainstFakeBroker {
  /** Messages before counting (the JIT settles), then messages counted. */
  private static final int WARM_UP = 20_000;
  private static final int COUNTED = 20_000;
  private static final int PAYLOAD_BYTES = 64;
  /**
   * Measured 2026-12-03 on JDK 17: 171 B per message (the payload array the message owns, 80 B
   * with its header; the Message; the decoded PUBLISH and its body cursor; the socket's share).
   * About twice that, so that other JVMs and collectors do not make it flaky; before the
   * allocation work of issue 11 the same path took about 570 B.
   */
  private static final long BUDGET_BYTES_PER_MESSAGE = 350;

  @Test void aQos0MessageCostsTheIoThreadNoMoreThanItsBudget() throws Exception {
    byte[] one = Wire.publish("sensors/t1", new byte[PAYLOAD_BYTES], 0, 0, false, false);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < WARM_UP + COUNTED; i++) all.write(one);
    fake.enqueue(connected()
        .expectAndReply(SUBSCRIBE, p -> Wire.subAck(p.packetId(), 0))
        .send(all.toByteArray())
        .stall());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] counted = new long[2];
    CountDownLatch done = new CountDownLatch(1);
    int[] received = new int[1];
    client().connect();
    // Runs on the I/O thread, which alone touches these arrays; it allocates nothing itself.
    client.subscribe("sensors/#", Qos.AT_MOST_ONCE, m -> {
      int n = ++received[0];
      if (n == WARM_UP) counted[0] = threads.getCurrentThreadAllocatedBytes();
      if (n == WARM_UP + COUNTED) {
        counted[1] = threads.getCurrentThreadAllocatedBytes();
        done.countDown();
      }
    });
    assertTrue(done.await(30, TimeUnit.SECONDS), "received " + received[0] + " messages");
    long perMessage = (counted[1] - counted[0]) / COUNTED;
    System.out.println("receive path, QoS 0, " + PAYLOAD_BYTES + " B: " + perMessage
        + " B allocated per message on the I/O thread");
    assertTrue(perMessage <= BUDGET_BYTES_PER_MESSAGE, "the I/O thread allocated " + perMessage
        + " B per inbound QoS 0 message of " + PAYLOAD_BYTES + " B, over the budget of "
        + BUDGET_BYTES_PER_MESSAGE + " B: look for a new per-message copy or object on the receive"
        + " path (JFR's jdk.ObjectAllocationSample shows where)");
  }
}
