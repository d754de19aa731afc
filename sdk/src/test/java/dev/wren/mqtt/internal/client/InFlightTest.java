package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-flight table against a HashMap doing the same, across growth and removals. */
class InFlightTest {
  @Test void agreesWithAMapThroughRandomSendsAndAcknowledgements() {
    Random random = new Random(11);
    InFlight table = new InFlight();
    Map<Integer, Long> model = new HashMap<>();
    List<Integer> ids = new ArrayList<>();
    long seq = 0;
    for (int step = 0; step < 200_000; step++) {
      boolean send = model.size() < 300 && (model.isEmpty() || random.nextInt(100) < 52);
      if (send) {
        // Identifiers cluster like a real window's (consecutive), plus strays that collide.
        int id = random.nextInt(4) == 0 ? 1 + random.nextInt(65535) : 1 + (int) (seq % 400);
        if (model.containsKey(id)) continue;
        table.put(id, seq, InFlight.Stage.AWAITING_PUBACK);
        model.put(id, seq);
        ids.add(id);
        seq++;
      } else {
        int id = ids.remove(random.nextInt(ids.size()));
        assertEquals((long) model.remove(id), table.seq(id));
        table.remove(id);
        assertFalse(table.contains(id));
      }
      assertEquals(model.size(), table.size());
    }
    for (Map.Entry<Integer, Long> e : model.entrySet()) {
      assertTrue(table.contains(e.getKey()));
      assertEquals((long) e.getValue(), table.seq(e.getKey()));
    }
  }

  @Test void stagesAdvanceAndClearForgetsAll() {
    InFlight table = new InFlight();
    table.put(7, 70, InFlight.Stage.AWAITING_PUBREC);
    assertNull(table.stage(8));
    table.advance(7, InFlight.Stage.AWAITING_PUBCOMP);
    assertEquals(InFlight.Stage.AWAITING_PUBCOMP, table.stage(7));
    assertThrows(IllegalStateException.class,
        () -> table.put(7, 71, InFlight.Stage.AWAITING_PUBACK));
    table.clear();
    assertEquals(0, table.size());
    assertNull(table.stage(7));
    assertThrows(IllegalStateException.class, () -> table.remove(7));
  }
}
