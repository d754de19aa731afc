package dev.wren.bench;

import dev.wren.bench.driver.BenchClient;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The harness's in-flight window, the same for every library: a publish takes a permit, the
 * library's done callback (written for QoS 0, PUBACK, PUBCOMP) gives it back. Records the first
 * failure a library reports. Thread-safe: callbacks come from library threads.
 */
final class Window implements BenchClient.Done {
  private final int size;
  private final long timeoutMillis;
  private final Semaphore permits;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  Window(int size, long timeoutMillis) {
    if (size < 1) throw new IllegalArgumentException("window size must be at least 1: " + size);
    this.size = size;
    this.timeoutMillis = timeoutMillis;
    this.permits = new Semaphore(size);
  }

  /** Takes a permit, flushing the client first if it has to wait for one. */
  void acquire(BenchClient client) throws IOException, InterruptedException {
    if (permits.tryAcquire()) return;
    client.flush();
    if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("no message of " + size + " in flight was done within "
          + timeoutMillis + " ms" + failureText());
    }
  }

  /** Waits until every message handed over is done. */
  void awaitAllDone(BenchClient client) throws IOException, InterruptedException {
    client.flush();
    if (!permits.tryAcquire(size, timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException((size - permits.availablePermits())
          + " messages still not done " + timeoutMillis + " ms after the last publish" + failureText());
    }
    permits.release(size);
  }

  @Override public void done(Throwable failed) {
    if (failed != null) failure.compareAndSet(null, failed);
    permits.release();
  }

  /** The first failure a library reported, or null. */
  Throwable failure() {
    return failure.get();
  }

  private String failureText() {
    Throwable f = failure.get();
    return f == null ? "" : "; first failure: " + f;
  }
}
