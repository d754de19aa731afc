package dev.wren.mqtt.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboundQos2Test {
  @Test void aResendBeforePubrelIsNotNew() {
    InboundQos2 ids = new InboundQos2();
    assertTrue(ids.firstTime(7));
    assertFalse(ids.firstTime(7));
    ids.released(7);
    assertTrue(ids.firstTime(7), "after PUBREL the identifier starts a new message");
  }

  @Test void clearForgetsEverything() {
    InboundQos2 ids = new InboundQos2();
    for (int id = 1; id <= 100; id++) ids.firstTime(id);
    ids.clear();
    for (int id = 1; id <= 100; id++) assertTrue(ids.firstTime(id));
  }

  @Test void releasingAnUnknownIdentifierChangesNothing() {
    InboundQos2 ids = new InboundQos2();
    ids.firstTime(65535);
    ids.released(1);
    assertFalse(ids.firstTime(65535));
  }

  /** Agrees with a reference set through growth, deletions inside probe runs, and shrinking. */
  @Test void behavesLikeASetOfIdentifiers() {
    InboundQos2 ids = new InboundQos2();
    Set<Integer> reference = new HashSet<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      // A narrow range makes collisions and long probe runs common; the full range the edges.
      int id = step % 3 == 0 ? 1 + random.nextInt(65535) : 1 + random.nextInt(300);
      if (random.nextInt(3) == 0) {
        ids.released(id);
        reference.remove(id);
      } else {
        assertEquals(reference.add(id), ids.firstTime(id), "step " + step + ", id " + id);
      }
    }
    for (int id = 1; id <= 65535; id++) {
      assertEquals(!reference.contains(id), ids.firstTime(id), "id " + id);
    }
  }
}
