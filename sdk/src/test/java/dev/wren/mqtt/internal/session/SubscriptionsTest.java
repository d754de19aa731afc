package dev.wren.mqtt.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
  private final Subscriptions<String> subscriptions = new Subscriptions<>();

  @Test void everyMatchingHandlerInSubscriptionOrder() {
    subscriptions.put("a/#", "all");
    subscriptions.put("a/+", "one-level");
    subscriptions.put("b/#", "other");
    assertEquals(List.of("all", "one-level"), subscriptions.match("a/x"));
    assertEquals(List.of("all"), subscriptions.match("a/x/y"));
    assertEquals(List.of(), subscriptions.match("c"));
  }

  @Test void oneHandlerBehindOverlappingFiltersIsCalledOnce() {
    String handler = "printer";
    subscriptions.put("a/#", handler);
    subscriptions.put("a/+", handler);
    assertEquals(List.of(handler), subscriptions.match("a/b"));
  }

  @Test void equalButDistinctHandlersAreBothCalled() {
    String first = new String("h");
    String second = new String("h");
    subscriptions.put("a/#", first);
    subscriptions.put("a/+", second);
    List<String> matched = subscriptions.match("a/b");
    assertEquals(2, matched.size());
    assertTrue(matched.get(0) == first && matched.get(1) == second);
  }

  @Test void putReplacesTheHandlerOfTheSameFilterAndRemoveStopsIt() {
    subscriptions.put("a/#", "old");
    subscriptions.put("a/#", "new");
    assertEquals(List.of("new"), subscriptions.match("a"));
    assertTrue(subscriptions.remove("a/#"));
    assertFalse(subscriptions.remove("a/#"));
    assertEquals(List.of(), subscriptions.match("a"));
  }

  @Test void aHandlerSeenFirstAndAgainLaterIsListedOnceInItsFirstPlace() {
    subscriptions.put("a/#", "first");
    subscriptions.put("a/+", "second");
    subscriptions.put("+/b", "first");
    assertEquals(List.of("first", "second"), subscriptions.match("a/b"));
    subscriptions.remove("a/+");
    assertEquals(List.of("first"), subscriptions.match("a/b"));
  }
}
