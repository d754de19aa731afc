package dev.wren.mqtt.testing;

import java.lang.management.ManagementFactory;

/**
 * Fails a fuzz input that makes the code under test allocate more than a budget: a decoder that
 * trusts a length field allocates what the field claims, not what arrived. Counts the bytes this
 * thread allocates (HotSpot's {@code com.sun.management.ThreadMXBean}), so it sees every array,
 * string and exception, not only the large buffers. Not thread-safe: one per fuzz test thread.
 */
public final class AllocationBudget {
  /** The code under test: builds what it needs from the input, so it can run twice. */
  public interface Action<T> {
    T run() throws Exception;
  }

  private final com.sun.management.ThreadMXBean threads;
  private final long threadId = Thread.currentThread().getId();

  public AllocationBudget() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean)) {
      throw new IllegalStateException("this JVM cannot count allocated bytes per thread: "
          + bean.getClass().getName() + " (fuzz tests need HotSpot)");
    }
    threads = (com.sun.management.ThreadMXBean) bean;
    if (!threads.isThreadAllocatedMemoryEnabled()) threads.setThreadAllocatedMemoryEnabled(true);
  }

  /**
   * Runs {@code action} and returns its result or throws its exception, after failing with an
   * {@link AssertionError} if it allocated more than {@code maxBytes}. An action over the budget
   * runs a second time, and only that one counts: the first run of a code path also pays for
   * loading classes and bootstrapping lambdas and string concatenations, which deterministic code
   * does not repeat.
   */
  public <T> T call(long maxBytes, String what, Action<T> action) throws Exception {
    Outcome<T> outcome = measure(action);
    if (outcome.allocated > maxBytes) outcome = measure(action);
    if (outcome.allocated > maxBytes) {
      AssertionError e = new AssertionError(what + " allocated " + outcome.allocated
          + " bytes for one input; the budget is " + maxBytes
          + " (does a length field decide an allocation?)");
      if (outcome.thrown != null) e.addSuppressed(outcome.thrown);
      throw e;
    }
    if (outcome.thrown != null) throw outcome.thrown;
    return outcome.result;
  }

  private <T> Outcome<T> measure(Action<T> action) {
    Outcome<T> outcome = new Outcome<>();
    long before = allocated();
    try {
      outcome.result = action.run();
    } catch (Exception e) {
      outcome.thrown = e;
    }
    outcome.allocated = allocated() - before;
    return outcome;
  }

  private static final class Outcome<T> {
    T result;
    Exception thrown;
    long allocated;
  }

  private long allocated() {
    if (Thread.currentThread().getId() != threadId) {
      throw new IllegalStateException("an AllocationBudget counts the thread that made it");
    }
    return threads.getThreadAllocatedBytes(threadId);
  }
}
