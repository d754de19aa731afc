package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class QueueOptionsTest {
  private static void assertRefused(Class<? extends RuntimeException> type, String message,
      Executable executable) {
    RuntimeException e = assertThrows(type, executable);
    assertEquals(message, e.getMessage());
  }

  @Test void fileDefaults() {
    QueueOptions o = QueueOptions.files(new File("q")).build();
    assertTrue(o.durable());
    assertEquals(new File("q"), o.directory());
    assertEquals(SyncPolicy.BATCH, o.sync());
    assertEquals(10, o.batchWindowMillis());
    assertEquals(64L * 1024 * 1024, o.maxBytes());
    assertEquals(Integer.MAX_VALUE, o.maxMessages());
    assertEquals(OverflowPolicy.REJECT_NEW, o.overflow());
    assertEquals("QueueOptions{files=q, sync=BATCH, batchWindow=10ms, maxMessages=unlimited,"
        + " maxBytes=67108864, overflow=REJECT_NEW}", o.toString());
  }

  @Test void memoryDefaults() {
    QueueOptions o = QueueOptions.memory(500);
    assertFalse(o.durable());
    assertNull(o.directory());
    assertEquals(SyncPolicy.NEVER, o.sync());
    assertEquals(500, o.maxMessages());
    assertEquals(Long.MAX_VALUE, o.maxBytes());
    assertEquals(OverflowPolicy.REJECT_NEW, o.overflow());
    assertEquals("QueueOptions{memory, maxMessages=500, maxBytes=unlimited, overflow=REJECT_NEW}",
        o.toString());
    assertEquals(OverflowPolicy.DROP_OLDEST,
        QueueOptions.memory(5, OverflowPolicy.DROP_OLDEST).overflow());
  }

  @Test void everyOptionIsSetAndCopied() {
    QueueOptions o = QueueOptions.files(new File("/var/q"))
        .sync(SyncPolicy.ALWAYS)
        .batchWindow(2, TimeUnit.SECONDS)
        .maxBytes(4096)
        .maxMessages(7)
        .overflow(OverflowPolicy.DROP_OLDEST)
        .build();
    assertEquals(SyncPolicy.ALWAYS, o.sync());
    assertEquals(2000, o.batchWindowMillis());
    assertEquals(4096, o.maxBytes());
    assertEquals(7, o.maxMessages());
    assertEquals(OverflowPolicy.DROP_OLDEST, o.overflow());
    assertEquals("QueueOptions{files=/var/q, sync=ALWAYS, maxMessages=7, maxBytes=4096,"
        + " overflow=DROP_OLDEST}", o.toString());
    QueueOptions copy = o.toBuilder().sync(SyncPolicy.NEVER).build();
    assertEquals(SyncPolicy.NEVER, copy.sync());
    assertEquals(7, copy.maxMessages());
    assertEquals(SyncPolicy.ALWAYS, o.sync(), "the original is unchanged");
    assertEquals(1024, QueueOptions.memory(3).toBuilder().maxBytes(1024).build().maxBytes());
  }

  @Test void badValuesAreNamed() {
    QueueOptions.Builder b = QueueOptions.files(new File("q"));
    assertRefused(IllegalArgumentException.class, "maxMessages must be at least 1: 0",
        () -> QueueOptions.memory(0));
    assertRefused(IllegalArgumentException.class, "maxMessages must be at least 1: -5",
        () -> b.maxMessages(-5));
    assertRefused(IllegalArgumentException.class, "maxBytes must be at least 1024: 1023",
        () -> b.maxBytes(1023));
    assertRefused(IllegalArgumentException.class, "batchWindow must be 1 ms to 1 hour: 0 MILLISECONDS",
        () -> b.batchWindow(0, TimeUnit.MILLISECONDS));
    assertRefused(IllegalArgumentException.class, "batchWindow must be 1 ms to 1 hour: 500 MICROSECONDS",
        () -> b.batchWindow(500, TimeUnit.MICROSECONDS));
    assertRefused(IllegalArgumentException.class, "batchWindow must be 1 ms to 1 hour: 2 HOURS",
        () -> b.batchWindow(2, TimeUnit.HOURS));
    assertRefused(NullPointerException.class, "directory == null", () -> QueueOptions.files(null));
    assertRefused(NullPointerException.class, "sync == null", () -> b.sync(null));
    assertRefused(NullPointerException.class, "overflow == null", () -> b.overflow(null));
    assertRefused(NullPointerException.class, "overflow == null", () -> QueueOptions.memory(1, null));
  }

  @Test void fileOnlyOptionsAreRefusedOnAMemoryQueue() {
    QueueOptions.Builder b = QueueOptions.memory(10).toBuilder();
    assertRefused(IllegalStateException.class, "sync applies to file queues; this is a memory queue",
        () -> b.sync(SyncPolicy.ALWAYS));
    assertRefused(IllegalStateException.class,
        "batchWindow applies to file queues; this is a memory queue",
        () -> b.batchWindow(5, TimeUnit.MILLISECONDS));
  }
}
