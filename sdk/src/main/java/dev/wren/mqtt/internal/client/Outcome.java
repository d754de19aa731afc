package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * A result the I/O thread supplies later: done once, with a value or a failure. Waiting on the
 * I/O thread itself is refused. Thread-safe.
 *
 * @param <T> the value type
 * @param <L> the listener type
 */
abstract class Outcome<T, L> {
  private final IoThread ioThread;
  /** The first listener; most outcomes get one at most, and it needs no list. */
  private L listener;
  private List<L> moreListeners;
  // Volatile for the unlocked look in isDone() and in subclasses' refresh().
  private volatile boolean done;
  private T value;
  private Throwable failure;

  Outcome(IoThread ioThread) {
    this.ioThread = ioThread;
  }

  /** What is awaited, for error messages: "message to 'a/b' (QoS 1)". */
  abstract String describe();

  /** Calls one listener; a listener's exception is logged, not passed on. */
  abstract void notify(L listener, T value, Throwable failure);

  /**
   * Completes this now if its result is already known elsewhere; called before every look at the
   * state, without this object's lock held.
   */
  void refresh() {
  }

  final boolean complete(T value) {
    return finish(value, null);
  }

  final boolean fail(Throwable failure) {
    return finish(null, failure);
  }

  private boolean finish(T value, Throwable failure) {
    L first;
    List<L> more;
    synchronized (this) {
      if (done) return false;
      this.value = value;
      this.failure = failure;
      done = true;
      first = listener;
      more = moreListeners;
      listener = null;
      moreListeners = null;
      notifyAll();
    }
    if (first != null) callListener(first, value, failure);
    if (more != null) {
      for (int i = 0, n = more.size(); i < n; i++) callListener(more.get(i), value, failure);
    }
    return true;
  }

  /** Public so that subclasses implement the API's isDone() with it. */
  public final boolean isDone() {
    if (!done) refresh();
    return done;
  }

  /** Done, without asking {@link #refresh()}. */
  final boolean doneHere() {
    return done;
  }

  public final Throwable failure() {
    if (!done) refresh();
    synchronized (this) {
      return failure;
    }
  }

  final boolean succeeded() {
    if (!done) refresh();
    synchronized (this) {
      return done && failure == null;
    }
  }

  final void addListener(L listener) {
    if (listener == null) throw new NullPointerException("listener == null");
    T doneValue;
    Throwable doneFailure;
    synchronized (this) {
      if (!done) {
        if (this.listener == null) {
          this.listener = listener;
        } else {
          if (moreListeners == null) moreListeners = new ArrayList<>(1);
          moreListeners.add(listener);
        }
        return;
      }
      doneValue = value;
      doneFailure = failure;
    }
    callListener(listener, doneValue, doneFailure);
  }

  final void checkNotIoThread(String what) {
    if (ioThread.isCurrent()) {
      throw new IllegalStateException("waiting for the " + what
          + " on the client's I/O thread (inside a message handler or listener) would deadlock:"
          + " that thread does the work waited for. Use whenDone(listener) instead.");
    }
  }

  final T awaitValue(long timeout, TimeUnit unit) throws MqttException, InterruptedException {
    checkNotIoThread(describe());
    if (!done) refresh();
    long timeoutMillis = unit.toMillis(timeout);
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (this) {
      while (!done) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new MqttTimeoutException(
              "no outcome for the " + describe() + " within " + timeoutMillis + " ms");
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      }
      if (failure == null) return value;
      if (failure instanceof MqttException) throw (MqttException) failure;
      if (failure instanceof RuntimeException) throw (RuntimeException) failure;
      if (failure instanceof Error) throw (Error) failure;
      throw new MqttException(describe() + " failed: " + failure, failure);
    }
  }

  private void callListener(L listener, T value, Throwable failure) {
    try {
      notify(listener, value, failure);
    } catch (Exception e) {
      // Exception, not RuntimeException: listeners in Kotlin may throw checked exceptions.
      Logger.error(e, "listener of the {} threw; ignored so the client keeps running", describe());
    }
  }
}
