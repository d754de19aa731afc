package dev.wren.mqtt.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacketIdsTest {
  private final PacketIds ids = new PacketIds();

  @Test void startsAtOneAndNeverHandsOutZero() {
    assertEquals(1, ids.allocate());
    assertEquals(2, ids.allocate());
  }

  @Test void doesNotReuseAReleasedIdAtOnce() {
    int first = ids.allocate();
    ids.release(first);
    assertEquals(2, ids.allocate());
  }

  @Test void wrapsAfter65535AndSkipsIdsInUse() {
    for (int i = 1; i <= 65535; i++) assertEquals(i, ids.allocate());
    ids.release(7);
    ids.release(3);
    assertEquals(3, ids.allocate());
    assertEquals(7, ids.allocate());
  }

  @Test void exhaustionIsAClearError() {
    for (int i = 1; i <= 65535; i++) ids.allocate();
    IllegalStateException e = assertThrows(IllegalStateException.class, ids::allocate);
    assertTrue(e.getMessage().contains("65535"), e.getMessage());
  }

  @Test void releaseReportsWhetherAnythingChanged() {
    int id = ids.allocate();
    assertEquals(1, ids.inUse());
    assertTrue(ids.release(id));
    assertFalse(ids.release(id));
    assertEquals(0, ids.inUse());
  }

  @Test void outOfRangeIdsAreRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ids.release(0));
    assertTrue(e.getMessage().contains(": 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ids.release(65536));
  }

  @Test void inboundQos2RemembersUntilReleased() {
    InboundQos2 inbound = new InboundQos2();
    assertTrue(inbound.firstTime(5));
    assertFalse(inbound.firstTime(5));
    inbound.released(5);
    assertTrue(inbound.firstTime(5));
  }
}
