package dev.wren.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a long-running command: tells it to stop, then gives it up to 3 s to
 * finish cleanly (DISCONNECT, a last status line) before the JVM exits.
 */
final class StopHook {
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);

  private StopHook(String name, Runnable stop) {
    this.thread = new Thread(() -> {
      stop.run();
      try {
        finished.await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  /** Runs {@code stop} on a signal; call {@link #finished()} when the command is done. */
  static StopHook install(String name, Runnable stop) {
    StopHook hook = new StopHook(name, stop);
    Runtime.getRuntime().addShutdownHook(hook.thread);
    return hook;
  }

  /** The command is done: a running hook may let the JVM go; an idle one is removed. */
  void finished() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waited for `finished`, which is now counted down
    }
  }
}
