package dev.wren.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The expiry part of {@link Message}'s builder. */
class MessageTest {
  @Test void expiresAfterIsKeptInMillisAndCopiedByToBuilder() {
    Message m = Message.builder().topic("a").qos(Qos.AT_LEAST_ONCE).expiresAfter(2, TimeUnit.SECONDS)
        .build();
    assertEquals(2_000, m.expiresAfterMillis());
    assertEquals(m, m.toBuilder().build());
    assertTrue(m.toString().contains("expiresAfter=2000ms"), m.toString());
    Message forever = m.toBuilder().noExpiry().build();
    assertEquals(0, forever.expiresAfterMillis());
    assertNotEquals(m, forever);
    assertEquals(1, Message.builder().topic("a").expiresAfter(10, TimeUnit.MICROSECONDS).build()
        .expiresAfterMillis(), "rounded up, never 'no expiry'");
  }

  @Test void aLifetimeThatIsNotPositiveIsRefusedByValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Message.builder().expiresAfter(0, TimeUnit.SECONDS));
    assertTrue(e.getMessage().startsWith("expiresAfter(0, SECONDS): the lifetime must be positive"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Message.builder().expiresAfter(-5, TimeUnit.MILLISECONDS));
    assertThrows(NullPointerException.class, () -> Message.builder().expiresAfter(1, null));
  }
}
