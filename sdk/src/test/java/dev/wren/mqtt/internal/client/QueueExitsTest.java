package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Runs of sequence numbers that left the queue the same way: one entry per change, not per message. */
class QueueExitsTest {
  private static final Deliveries.Drop FULL = new Deliveries.Drop("full");

  /** Another kind of drop, which must not share a run with {@link #FULL}. */
  private static final class OtherDrop extends Deliveries.Drop {
    OtherDrop() {
      super("other");
    }
  }

  @Test void inOrderAcknowledgementsAreOneRun() {
    QueueExits exits = new QueueExits();
    for (long seq = 10; seq < 100_010; seq++) exits.add(seq, null);
    assertEquals(1, exits.runCount());
    assertNull(exits.find(9), "never recorded");
    assertNull(exits.find(10).drop);
    assertNull(exits.find(100_009).drop);
    assertNull(exits.find(100_010), "still queued");
  }

  @Test void aGapFilledLaterJoinsBothNeighbours() {
    QueueExits exits = new QueueExits();
    exits.add(1, null);
    exits.add(3, null);
    exits.add(5, null);
    assertEquals(3, exits.runCount());
    exits.add(4, null);
    assertEquals(2, exits.runCount());
    exits.add(2, null);
    assertEquals(1, exits.runCount());
    exits.add(0, null);
    assertEquals(1, exits.runCount(), "joins the run after it");
    assertNotNull(exits.find(0));
    assertNotNull(exits.find(5));
    assertNull(exits.find(6));
  }

  @Test void dropsAndAcknowledgementsKeepTheirOwnRuns() {
    QueueExits exits = new QueueExits();
    exits.add(0, null);
    exits.add(1, FULL);
    exits.add(2, new Deliveries.Drop("full, another reason text"));
    exits.add(3, new OtherDrop());
    exits.add(4, null);
    assertEquals(4, exits.runCount(), "drops of one class share a run whatever their text");
    assertNull(exits.find(0).drop);
    assertSame(FULL, exits.find(2).drop, "the run keeps its first drop");
    assertEquals(OtherDrop.class, exits.find(3).drop.getClass());
    assertNull(exits.find(4).drop);
  }

  @Test void aNumberIsRecordedOnce() {
    QueueExits exits = new QueueExits();
    exits.add(7, null);
    exits.add(7, FULL);
    assertNull(exits.find(7).drop);
    assertEquals(1, exits.runCount());
  }

  @Test void forgettingDropsWholeRunsBelowOnly() {
    QueueExits exits = new QueueExits();
    exits.add(0, null);
    exits.add(1, FULL);
    exits.add(2, FULL);
    exits.add(3, null);
    exits.forgetBelow(2);
    assertEquals(2, exits.runCount(), "the run 1..2 still holds 2");
    assertNull(exits.find(0));
    assertSame(FULL, exits.find(2).drop);
    exits.forgetBelow(4);
    assertEquals(0, exits.runCount());
  }
}
