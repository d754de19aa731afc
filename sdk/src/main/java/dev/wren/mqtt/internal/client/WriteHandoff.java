package dev.wren.mqtt.internal.client;

import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;
import org.tinylog.Logger;

/**
 * Keeps socket writes off threads that must not do them: Android's main thread always, every
 * application thread when {@code callerWrites(false)}. Such writes go, in the order they were
 * handed over, to a writer thread that exists only while writes are pending: it is started for
 * the first and ends when none is left, so an idle client still owns one thread, its I/O thread.
 *
 * <p>Why a thread and not the I/O thread: that one is blocked in a socket read, and no wake-up
 * reaches a blocking read on every transport (TCP, TLS, WebSocket) short of a read timeout, which
 * would cost an idle client wake-ups or a message its latency. Thread-safe.
 */
final class WriteHandoff {
  private final ThreadFactory threads;
  private final IoThread ioThread;
  private final boolean callerWrites;
  /** Android's main thread, or null off Android. */
  private final Thread mainThread;
  private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
  private volatile Thread writer;
  private boolean closed;

  /**
   * @param threads makes the writer thread
   * @param ioThread writes itself
   * @param callerWrites whether application threads other than Android's main thread write
   */
  WriteHandoff(ThreadFactory threads, IoThread ioThread, boolean callerWrites) {
    this(threads, ioThread, callerWrites, androidMainThread());
  }

  WriteHandoff(ThreadFactory threads, IoThread ioThread, boolean callerWrites, Thread mainThread) {
    this.threads = threads;
    this.ioThread = ioThread;
    this.callerWrites = callerWrites;
    this.mainThread = mainThread;
  }

  /** Whether a write asked for on this thread goes to the writer thread; never on the client's own. */
  boolean handsOff() {
    Thread current = Thread.currentThread();
    if (current == mainThread) return true;
    return !callerWrites && current != writer && !ioThread.isCurrent();
  }

  /**
   * Runs {@code write} here, or hands it to the writer thread (see {@link #handsOff}).
   *
   * @return false when the client is closed and {@code write} was not run
   */
  boolean run(Runnable write) {
    if (!handsOff()) {
      write.run();
      return true;
    }
    return submit(write);
  }

  /** Queues {@code write} for the writer thread, starting it if none runs. */
  synchronized boolean submit(Runnable write) {
    if (closed) return false;
    pending.add(write);
    if (writer == null) {
      Thread t = threads.newThread(new Runnable() {
        @Override public void run() {
          drain();
        }
      });
      if (t == null) throw new IllegalStateException("threadFactory returned null for the writer thread");
      writer = t;
      t.start();
    }
    return true;
  }

  /** Whether the writer thread runs now: only while writes are pending. */
  synchronized boolean writerRunning() {
    return writer != null;
  }

  /** No more writes are taken; waits until the writer thread ended. */
  void close() throws InterruptedException {
    Thread running;
    synchronized (this) {
      closed = true;
      running = writer;
    }
    if (running != null && running != Thread.currentThread()) running.join();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = pending.poll();
        if (next == null) {
          writer = null;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        // The writes handle their own IOExceptions; anything else is a bug. The next write still runs.
        Logger.error(e, "bug: a write handed to the writer thread failed");
      }
    }
  }

  /** {@code Looper.getMainLooper().getThread()} by reflection; null where there is no Android. */
  static Thread androidMainThread() {
    try {
      Class<?> looper = Class.forName("android.os.Looper");
      Object main = looper.getMethod("getMainLooper").invoke(null);
      return main == null ? null : (Thread) looper.getMethod("getThread").invoke(main);
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // The stub android.jar on a plain JVM: no main thread to protect.
      Logger.debug("android.os.Looper is present but unusable ({}); no main thread", e.toString());
      return null;
    }
  }
}
