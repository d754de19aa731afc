package dev.wren.mqtt.testing;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageHandler} that collects messages (and the thread each arrived on) for a test to
 * await with a bounded wait.
 */
public final class Inbox implements MessageHandler {
  private final String name;
  private final BlockingQueue<Message> pending = new LinkedBlockingQueue<>();
  private final List<Message> all = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  public Inbox(String name) {
    this.name = name;
  }

  public Inbox() {
    this("inbox");
  }

  @Override public void onMessage(Message message) {
    threads.add(Thread.currentThread());
    all.add(message);
    pending.add(message);
  }

  /** The next message not yet taken, or an AssertionError after the timeout. */
  public Message take(long timeoutMillis) throws InterruptedException {
    Message m = pending.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError(name + ": no message within " + timeoutMillis + " ms; got so far: "
          + all);
    }
    return m;
  }

  /** The next {@code n} messages, all within the timeout. */
  public List<Message> take(int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    List<Message> out = new ArrayList<>();
    while (out.size() < n) {
      Message m = pending.poll(Math.max(0, deadline - System.currentTimeMillis()),
          TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError(name + ": " + out.size() + " of " + n + " messages within "
            + timeoutMillis + " ms; got: " + all);
      }
      out.add(m);
    }
    return out;
  }

  /** Fails if a message not yet taken arrives within {@code millis}. */
  public void assertNothingFor(long millis) throws InterruptedException {
    Message m = pending.poll(millis, TimeUnit.MILLISECONDS);
    if (m != null) throw new AssertionError(name + ": expected no message, got " + m);
  }

  /** Every message received so far. */
  public List<Message> all() {
    return new ArrayList<>(all);
  }

  /** The thread of every call, in order. */
  public List<Thread> threads() {
    return new ArrayList<>(threads);
  }

  @Override public String toString() {
    return name + all;
  }
}
