package dev.wren.mqtt.internal.client;

/**
 * Which thread is the client's I/O thread right now. Waiting for an acknowledgement on that
 * thread would wait for itself, so {@link Outcome} asks here first. Thread-safe.
 */
final class IoThread {
  private volatile Thread thread;

  void set(Thread thread) {
    this.thread = thread;
  }

  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }
}
