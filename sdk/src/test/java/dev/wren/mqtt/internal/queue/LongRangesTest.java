package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LongRangesTest {
  final LongRanges r = new LongRanges();

  @Test void inOrderNumbersMergeIntoOneRange() {
    for (long i = 0; i < 1000; i++) r.add(i);
    assertEquals(1, r.rangeCount());
    assertTrue(r.contains(0) && r.contains(999));
    assertFalse(r.contains(1000) || r.contains(-1));
    assertEquals(999, r.max());
  }

  @Test void gapsFillAndMerge() {
    r.add(5);
    r.add(7);
    r.add(9, 12);
    assertEquals("[5..5, 7..7, 9..11]", r.toString());
    r.add(6);
    assertEquals("[5..7, 9..11]", r.toString());
    r.add(8);
    assertEquals("[5..11]", r.toString());
    r.add(3, 20);
    assertEquals("[3..19]", r.toString());
    r.add(4, 6);
    assertEquals("[3..19]", r.toString());
  }

  @Test void rangesSpanningSeveralMergeAtOnce() {
    r.add(1);
    r.add(3);
    r.add(5);
    r.add(10);
    r.add(2, 6);
    assertEquals("[1..5, 10..10]", r.toString());
    assertArrayEquals(new long[] {1, 6, 10, 11}, r.toArray());
  }

  @Test void overlapsAndRemoveBelow() {
    r.add(10, 20);
    r.add(30);
    assertTrue(r.overlaps(0, 11));
    assertTrue(r.overlaps(15, 16));
    assertTrue(r.overlaps(25, 31));
    assertFalse(r.overlaps(20, 30));
    assertFalse(r.overlaps(0, 10));
    r.removeBelow(15);
    assertEquals("[15..19, 30..30]", r.toString());
    r.removeBelow(25);
    assertEquals("[30..30]", r.toString());
    r.removeBelow(31);
    assertEquals("[]", r.toString());
    assertEquals(-1, r.max());
  }
}
