package dev.wren.mqtt.internal.queue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the file queue on this machine: appends per second with 100-byte payloads under each
 * sync policy, from 1 and from 8 publisher threads (a BATCH run has a thread syncing when due, as
 * the client's I/O thread does); ALWAYS against a 64-byte overwrite + fdatasync loop on the same
 * disk; draining (next + acknowledged); and the heap a queue of many messages takes. Not a test:
 * it asserts nothing. Run from the repository root after
 * {@code mvn -o -q -pl sdk test-compile}:
 *
 * <pre>
 * java -cp sdk/target/classes:sdk/target/test-classes:$HOME/.m2/repository/org/tinylog/tinylog-api/2.7.0/tinylog-api-2.7.0.jar \
 *   dev.wren.mqtt.internal.queue.QueueBenchmark [directory] [seconds per run]
 * </pre>
 */
public final class QueueBenchmark {
  private static final byte[] PAYLOAD = new byte[100];
  private static final String TOPIC = "sensors/gateway-1/temperature";

  public static void main(String[] args) throws Exception {
    File root = new File(args.length > 0 ? args[0] : "target/queue-benchmark");
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
    System.out.printf(Locale.ROOT, "payload %d bytes, topic %d bytes, record %d bytes, %d s per run%n",
        PAYLOAD.length, TOPIC.length(), QueueFormat.messageRecordSize(TOPIC.length(), PAYLOAD.length),
        seconds);
    for (SyncPolicy policy : SyncPolicy.values()) {
      for (int threads : new int[] {1, 8}) {
        File dir = fresh(new File(root, policy + "-" + threads));
        Result r = appendRun(dir, policy, threads, seconds);
        System.out.printf(Locale.ROOT, "%-6s %d thread%s: %,9.0f appends/s, %,7d syncs (%.1f appends per sync)%n",
            policy, threads, threads == 1 ? " " : "s", r.appends / r.seconds, r.syncs,
            r.syncs == 0 ? 0.0 : (double) r.appends / r.syncs);
      }
    }
    alwaysVersusDisk(fresh(new File(root, "always-vs-disk")), 6);
    drainAndHeap(fresh(new File(root, "drain")));
  }

  /**
   * ALWAYS with one publisher against the physical limit on the same disk: a loop overwriting 64
   * bytes of an allocated 4 MiB file, each followed by fdatasync. One-second rounds alternate
   * between the two, so a busy shared disk affects both alike.
   */
  private static void alwaysVersusDisk(File dir, int rounds) throws IOException {
    QueueOptions options = QueueOptions.files(dir).sync(SyncPolicy.ALWAYS).maxBytes(Long.MAX_VALUE)
        .build();
    File raw = new File(dir.getParentFile(), "overwrite.bin");
    try (OutboundQueue q = Queues.open(options, new RecordingListener());
        RandomAccessFile file = new RandomAccessFile(raw, "rw")) {
      FileChannel channel = file.getChannel();
      int size = 4 << 20;
      channel.write(ByteBuffer.allocate(size), 0);
      channel.force(true);
      ByteBuffer record = ByteBuffer.allocate(64);
      long at = 0;
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long n = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
          q.append(TOPIC, PAYLOAD, 1, false);
          n++;
        }
        double wren = n / ((System.nanoTime() - start) / 1e9);
        n = 0;
        start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
          record.clear();
          channel.write(record, at % size);
          at += 64;
          channel.force(false);
          n++;
        }
        double disk = n / ((System.nanoTime() - start) / 1e9);
        ratios[r] = wren / disk;
        System.out.printf(Locale.ROOT, "ALWAYS 1 thread %,7.0f appends/s, disk 64-byte overwrite +"
            + " fdatasync %,7.0f/s: %.2f%n", wren, disk, ratios[r]);
      }
      Arrays.sort(ratios);
      System.out.printf(Locale.ROOT, "ALWAYS / disk, median of %d rounds: %.2f%n", rounds,
          ratios[rounds / 2]);
    } finally {
      raw.delete();
      fresh(dir);
    }
  }

  private static final class Result {
    long appends;
    long syncs;
    double seconds;
  }

  private static Result appendRun(File dir, SyncPolicy policy, int threads, long seconds)
      throws Exception {
    FaultyStorage storage = new FaultyStorage(dir); // no faults: it counts the syncs
    QueueOptions options = QueueOptions.files(dir).sync(policy).maxBytes(Long.MAX_VALUE).build();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong appends = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    Result result = new Result();
    try (FileQueue q = FileQueue.open(options, new RecordingListener(), storage,
        QueueFormat.SEGMENT_BYTES, NanoClock.SYSTEM)) {
      int before = storage.syncs.get();
      for (int t = 0; t < threads; t++) {
        workers.add(new Thread(() -> {
          try {
            while (!stop.get()) {
              q.append(TOPIC, PAYLOAD, 1, false);
              appends.incrementAndGet();
            }
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      Thread syncer = new Thread(() -> {
        try {
          while (!stop.get()) {
            long wait = q.syncDueNanos() - System.nanoTime();
            if (wait <= 0) q.sync();
            else TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      long start = System.nanoTime();
      for (Thread w : workers) w.start();
      syncer.start();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      stop.set(true);
      for (Thread w : workers) w.join();
      syncer.join();
      result.seconds = (System.nanoTime() - start) / 1e9;
      result.appends = appends.get();
      result.syncs = storage.syncs.get() - before;
    }
    fresh(dir);
    return result;
  }

  private static void drainAndHeap(File dir) throws IOException {
    QueueOptions options = QueueOptions.files(dir).sync(SyncPolicy.NEVER).maxBytes(Long.MAX_VALUE)
        .build();
    int count = 1_000_000;
    try (OutboundQueue q = Queues.open(options, new RecordingListener())) {
      for (int i = 0; i < count; i++) q.append(TOPIC, PAYLOAD, 1, false);
    }
    long empty = heapAfterGc();
    try (OutboundQueue q = Queues.open(options, new RecordingListener())) {
      long opened = heapAfterGc();
      System.out.printf(Locale.ROOT, "reopened with %,d messages (%,d MB on disk): heap +%,d KB%n",
          q.size(), q.sizeBytes() >> 20, (opened - empty) >> 10);
      int inFlight = 65_000;
      for (int i = 0; i < inFlight; i++) q.next();
      long handedOut = heapAfterGc();
      System.out.printf(Locale.ROOT, "%,d handed out, unacknowledged: heap +%,d bytes each%n",
          inFlight, (handedOut - opened) / inFlight);
      long start = System.nanoTime();
      for (int i = 0; i < inFlight; i++) q.acknowledged(i);
      QueuedMessage m;
      long seq = inFlight;
      while ((m = q.next()) != null) {
        q.acknowledged(m.seq());
        seq++;
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "drained %,d messages (next + acknowledged): %,.0f/s%n", seq,
          seq / s);
    }
    fresh(dir);
  }

  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static File fresh(File dir) {
    File[] files = dir.listFiles();
    if (files != null) for (File f : files) f.delete();
    dir.mkdirs();
    return dir;
  }

  private QueueBenchmark() {
  }
}
