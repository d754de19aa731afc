package dev.wren.bench.jmh;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import dev.wren.mqtt.internal.queue.OutboundQueue;
import dev.wren.mqtt.internal.queue.QueuedMessage;
import dev.wren.mqtt.internal.queue.Queues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sdk's file queue ({@code Queues.open} over {@code QueueOptions.files}), one thread, QoS 1
 * messages of 64 bytes: appending under {@code NEVER} and {@code ALWAYS} (each append waits for
 * its fsync), reading back, and the whole cycle of a connected client (append, next,
 * acknowledged). Each state has a temporary directory of its own, deleted when it is torn down.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueBenchmark {
  static final String TOPIC = "wren/bench/queue";
  static final byte[] PAYLOAD = new byte[64];
  /** Messages the read benchmark cycles through. */
  static final int READ_MESSAGES = 10_000;

  /** A queue in a fresh directory; subclasses say how to open and fill it. */
  abstract static class QueueState {
    Path dir;
    OutboundQueue queue;

    void open(SyncPolicy sync) throws IOException {
      dir = Files.createTempDirectory("wren-jmh-queue");
      // No practical limit: an iteration of fast appends must not fill the queue.
      queue = Queues.open(QueueOptions.files(dir.toFile()).sync(sync).maxBytes(1L << 40).build(),
          new OutboundQueue.Listener() {
            @Override public void synced(long seq) {
              // Nothing waits for syncs but the appending thread itself.
            }

            @Override public void dropped(QueuedMessage message, String reason) {
              throw new IllegalStateException("dropped " + message + ": " + reason);
            }

            @Override public void expired(QueuedMessage message) {
              throw new IllegalStateException("no deadlines here: expired " + message);
            }
          });
    }

    void close() throws IOException {
      if (queue != null) queue.close();
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** An empty queue per iteration, so its files do not pile up over a long run. */
  @State(Scope.Thread)
  public static class AppendState extends QueueState {
    @Param({"NEVER", "ALWAYS"})
    public String sync;

    @Setup(Level.Iteration)
    public void setup() throws IOException {
      open(SyncPolicy.valueOf(sync));
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
      close();
    }
  }

  /** {@value #READ_MESSAGES} messages handed out again and again (rewind at the end). */
  @State(Scope.Thread)
  public static class ReadState extends QueueState {
    @Setup(Level.Trial)
    public void setup() throws IOException {
      open(SyncPolicy.NEVER);
      for (int i = 0; i < READ_MESSAGES; i++) queue.append(TOPIC, PAYLOAD, 1, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      close();
    }
  }

  /** An empty queue, kept empty by the cycle benchmark. */
  @State(Scope.Thread)
  public static class CycleState extends QueueState {
    @Setup(Level.Iteration)
    public void setup() throws IOException {
      open(SyncPolicy.NEVER);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
      close();
    }
  }

  @Benchmark
  public long append(AppendState state) throws IOException {
    return state.queue.append(TOPIC, PAYLOAD, 1, false);
  }

  /** One message read back from the files: what the client does to send a stored message. */
  @Benchmark
  public QueuedMessage next(ReadState state) throws IOException {
    QueuedMessage message = state.queue.next();
    if (message == null) {
      state.queue.rewind();
      message = state.queue.next();
    }
    return message;
  }

  /** Store, read back to send, and record the PUBACK: one message through a connected client. */
  @Benchmark
  public void appendNextAcknowledge(CycleState state, Blackhole blackhole) throws IOException {
    state.queue.append(TOPIC, PAYLOAD, 1, false);
    QueuedMessage message = state.queue.next();
    blackhole.consume(message);
    state.queue.acknowledged(message.seq());
  }
}
