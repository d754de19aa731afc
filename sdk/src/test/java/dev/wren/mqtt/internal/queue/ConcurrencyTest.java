package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Publisher threads appending while one "I/O thread" hands out, acknowledges out of order, rewinds
 * and syncs, over small segments so rollover and deletion race with reading: every message is
 * handed out, in order between rewinds, and acknowledged exactly once.
 */
class ConcurrencyTest {
  @TempDir File dir;

  @ParameterizedTest @EnumSource(SyncPolicy.class)
  void publishersAndTheIoThreadTogether(SyncPolicy policy) throws Exception {
    QueueFixture fx = new QueueFixture(dir);
    fx.segmentBytes = 2048;
    fx.options = QueueOptions.files(dir).sync(policy).batchWindow(1, TimeUnit.MILLISECONDS).build();
    int publishers = 4;
    int each = policy == SyncPolicy.ALWAYS ? 150 : 1500;
    int total = publishers * each;
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    try (FileQueue q = fx.open()) {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        final int publisher = p;
        running.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            q.append("p/" + publisher, QueueFixture.bytes(publisher + ":" + i), 1 + (i & 1), false);
          }
          return null;
        }));
      }
      BitSet acked = new BitSet();
      ArrayDeque<Long> window = new ArrayDeque<>();
      Random random = new Random(42);
      long lastHandedOut = -1;
      int[] nextPerPublisher = new int[publishers];
      while (acked.cardinality() < total) {
        QueuedMessage m;
        while (window.size() < 16 && (m = q.next()) != null) {
          if (!window.contains(m.seq())) {
            assertTrue(m.seq() > lastHandedOut, "new messages come in order: " + m.seq());
            lastHandedOut = m.seq();
            // Each publisher's messages keep their order too.
            String[] parts = QueueFixture.text(m).split(":");
            int publisher = Integer.parseInt(parts[0]);
            assertEquals(nextPerPublisher[publisher]++, Integer.parseInt(parts[1]));
            window.add(m.seq());
          }
        }
        if (window.isEmpty()) {
          Thread.yield();
          continue;
        }
        long seq = random.nextInt(4) == 0 ? window.pollLast() : window.pollFirst();
        assertTrue(!acked.get((int) seq), "acknowledged once: " + seq);
        if (random.nextInt(10) == 0) q.rewind(); // as after a reconnect
        q.acknowledged(seq);
        acked.set((int) seq);
        if (q.syncDueNanos() <= System.nanoTime()) q.sync();
      }
      for (Future<?> f : running) f.get(30, TimeUnit.SECONDS);
      assertEquals(0, q.size());
      assertEquals(0, q.sizeBytes());
      assertTrue(fx.segments().length <= 2, fx.segments().length + " segments left");
    } finally {
      pool.shutdownNow();
    }
    try (FileQueue q = fx.open()) {
      assertEquals(0, q.size());
      assertEquals(total, q.append("t", new byte[0], 1, false));
    }
  }
}
