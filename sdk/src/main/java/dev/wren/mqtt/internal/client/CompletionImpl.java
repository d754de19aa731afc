package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Completion;
import dev.wren.mqtt.MqttException;
import java.util.concurrent.TimeUnit;

/** A {@link Completion} the I/O thread completes when the broker answers. Thread-safe. */
final class CompletionImpl<T> extends Outcome<T, Completion.Listener<T>> implements Completion<T> {
  private final String what;

  /** @param what the request, for error messages: "SUBSCRIBE to [a/#]" */
  CompletionImpl(IoThread ioThread, String what) {
    super(ioThread);
    this.what = what;
  }

  @Override String describe() {
    return "answer to " + what;
  }

  @Override void notify(Listener<T> listener, T value, Throwable failure) {
    listener.onDone(value, failure);
  }

  @Override public T await(long timeout, TimeUnit unit) throws MqttException, InterruptedException {
    return awaitValue(timeout, unit);
  }

  @Override public Completion<T> whenDone(Listener<T> listener) {
    addListener(listener);
    return this;
  }
}
