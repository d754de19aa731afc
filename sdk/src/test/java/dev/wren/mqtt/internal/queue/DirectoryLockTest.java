package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.QueueLockedException;
import dev.wren.mqtt.QueueOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client per directory: in this JVM and across processes. */
class DirectoryLockTest {
  @TempDir File dir;

  @Test void aSecondQueueOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws IOException {
    RecordingListener listener = new RecordingListener();
    QueueOptions options = QueueOptions.files(dir).build();
    OutboundQueue first = Queues.open(options, listener);
    assertTrue(first.durable());
    QueueLockedException e = assertThrows(QueueLockedException.class,
        () -> Queues.open(options, listener));
    assertEquals("queue directory " + dir + " is in use by another client in this process (lock"
        + " file " + new File(dir, "queue.lock") + " is locked); one client may use a directory at"
        + " a time: close the other client or give this one its own directory", e.getMessage());
    first.append("t", new byte[1], 1, false);
    first.close();
    try (OutboundQueue second = Queues.open(options, listener)) {
      assertEquals(1, second.size());
    }
  }

  @Test void aDirectoryHeldByAnotherProcessIsRefused() throws Exception {
    String java = new File(System.getProperty("java.home"), "bin/java").getPath();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), dir.getPath()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      QueueLockedException e = assertThrows(QueueLockedException.class,
          () -> Queues.open(QueueOptions.files(dir).build(), new RecordingListener()));
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(10, TimeUnit.SECONDS), "lock holder exits when its stdin closes");
    }
    try (OutboundQueue q = Queues.open(QueueOptions.files(dir).build(), new RecordingListener())) {
      assertFalse(q.size() > 0);
    }
  }

  /** Opens a queue on the directory in args[0], says "locked", and holds it until stdin closes. */
  public static final class LockHolder {
    public static void main(String[] args) throws IOException {
      try (OutboundQueue q = Queues.open(QueueOptions.files(new File(args[0])).build(),
          new RecordingListener())) {
        System.out.println(q.durable() ? "locked" : "not a file queue");
        System.out.flush();
        while (System.in.read() >= 0) {
          // Hold the lock until the parent closes our stdin.
        }
      }
    }
  }
}
