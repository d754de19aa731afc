package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The long-keyed map against a HashMap doing the same, across growth, removals and shrinking. */
class LongMapTest {
  @Test void agreesWithAMapThroughRandomPutsAndRemoves() {
    Random random = new Random(5);
    LongMap<String> map = new LongMap<>();
    Map<Long, String> model = new HashMap<>();
    List<Long> keys = new ArrayList<>();
    long next = 1L << 40; // above the int range, so the hash must mix both halves
    for (int step = 0; step < 200_000; step++) {
      if (model.size() < 500 && (keys.isEmpty() || random.nextInt(100) < 55)) {
        long key = random.nextInt(3) == 0 ? random.nextLong() : next++;
        String value = "v" + step;
        map.put(key, value);
        if (model.put(key, value) == null) keys.add(key);
      } else {
        long key = keys.remove(random.nextInt(keys.size()));
        assertEquals(model.remove(key), map.remove(key));
        assertNull(map.get(key));
      }
      assertEquals(model.size(), map.size());
    }
    for (Map.Entry<Long, String> e : model.entrySet()) assertEquals(e.getValue(), map.get(e.getKey()));
    List<String> values = map.values();
    List<String> expected = new ArrayList<>(model.values());
    Collections.sort(values);
    Collections.sort(expected);
    assertEquals(expected, values);
    assertNull(map.remove(-7));
    map.clear();
    assertEquals(0, map.size());
  }
}
