package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriteHandoffTest {
  private final List<Thread> made = new CopyOnWriteArrayList<>();
  private final ThreadFactory threads = r -> {
    Thread t = new Thread(r, "writer-" + made.size());
    made.add(t);
    return t;
  };
  private final IoThread ioThread = new IoThread();

  @Test void androidsMainThreadAlwaysHandsOffOtherCallersWriteThemselves() throws Exception {
    WriteHandoff writes = new WriteHandoff(threads, ioThread, true, Thread.currentThread());
    assertTrue(writes.handsOff(), "the main thread");
    boolean[] other = new boolean[1];
    Thread t = new Thread(() -> other[0] = writes.handsOff());
    t.start();
    t.join();
    assertFalse(other[0], "another thread with callerWrites(true)");

    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    Thread caller = new Thread(() -> writes.run(() -> ranOn.add(Thread.currentThread())));
    caller.start();
    caller.join();
    assertEquals(List.of(caller), ranOn, "a caller that may write runs the write itself");
    assertTrue(made.isEmpty(), "no writer thread for it");
  }

  @Test void callerWritesOffHandsOffEveryThreadButTheIoThread() throws Exception {
    WriteHandoff writes = new WriteHandoff(threads, ioThread, false, null);
    assertTrue(writes.handsOff());
    boolean[] onIo = new boolean[1];
    Thread io = new Thread(() -> onIo[0] = writes.handsOff());
    ioThread.set(io);
    io.start();
    io.join();
    assertFalse(onIo[0], "the I/O thread writes itself");
  }

  @Test void writesRunInOrderOnOneThreadThatEndsWhenNoneIsLeft() throws Exception {
    WriteHandoff writes = new WriteHandoff(threads, ioThread, false, null);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    assertTrue(writes.run(() -> await(release)));
    for (int i = 0; i < 100; i++) {
      int n = i;
      assertTrue(writes.run(() -> {
        order.add(n);
        ranOn.add(Thread.currentThread());
      }));
    }
    assertTrue(writes.writerRunning(), "a writer runs while writes are pending");
    release.countDown();
    awaitIdle(writes);
    assertEquals(100, order.size());
    for (int i = 0; i < 100; i++) assertEquals(i, order.get(i));
    assertEquals(1, made.size(), "one writer thread for the burst: " + made);
    for (Thread t : ranOn) assertSame(made.get(0), t);
    made.get(0).join(5_000);
    assertFalse(made.get(0).isAlive(), "the writer thread ended with nothing left to write");

    // The next write starts a new one.
    CountDownLatch ran = new CountDownLatch(1);
    writes.run(ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    awaitIdle(writes);
    assertEquals(2, made.size());
    assertNotSame(made.get(0), made.get(1));
  }

  @Test void aWriteThatThrowsDoesNotStopTheNext() throws Exception {
    WriteHandoff writes = new WriteHandoff(threads, ioThread, false, null);
    AtomicInteger after = new AtomicInteger();
    writes.run(() -> {
      throw new IllegalStateException("a bug in a write");
    });
    writes.run(after::incrementAndGet);
    awaitIdle(writes);
    assertEquals(1, after.get());
  }

  @Test void closeWaitsForTheWriterAndRefusesLaterWrites() throws Exception {
    WriteHandoff writes = new WriteHandoff(threads, ioThread, false, null);
    AtomicInteger done = new AtomicInteger();
    writes.run(() -> {
      sleep(200);
      done.incrementAndGet();
    });
    writes.close();
    assertEquals(1, done.get(), "close() returned before the pending write ran");
    assertFalse(made.get(0).isAlive());
    assertFalse(writes.run(done::incrementAndGet), "a write after close is refused");
    assertFalse(writes.writerRunning());
    assertEquals(1, done.get());
  }

  @Test void offAndroidThereIsNoMainThread() {
    assertEquals(null, WriteHandoff.androidMainThread());
  }

  private static void awaitIdle(WriteHandoff writes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (writes.writerRunning()) {
      if (System.nanoTime() - deadline > 0) throw new AssertionError("the writer thread still runs");
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
