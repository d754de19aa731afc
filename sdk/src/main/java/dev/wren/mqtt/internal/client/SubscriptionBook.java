package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.Subscription;
import dev.wren.mqtt.internal.session.Subscriptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the application subscribed to: the handler table that routes inbound messages, and each
 * filter's requested QoS so the client can subscribe again when a broker kept no session after a
 * reconnect of its own. Cleared when the application ends a clean session with {@code
 * disconnect()}. Thread-safe.
 */
final class SubscriptionBook {
  private final Subscriptions<MessageHandler> handlers = new Subscriptions<>();
  private final LinkedHashMap<String, Subscription> byFilter = new LinkedHashMap<>();

  synchronized void add(List<Subscription> subscriptions) {
    for (Subscription subscription : subscriptions) {
      // Re-subscribing moves the filter to the end, the order a fresh session would see.
      byFilter.remove(subscription.filter());
      byFilter.put(subscription.filter(), subscription);
      handlers.put(subscription.filter(), subscription.handler());
    }
  }

  synchronized void remove(List<String> filters) {
    for (String filter : filters) {
      byFilter.remove(filter);
      handlers.remove(filter);
    }
  }

  /** Forgets every subscription, as a broker does when a clean session ends. */
  synchronized void clear() {
    for (String filter : byFilter.keySet()) handlers.remove(filter);
    byFilter.clear();
  }

  synchronized List<Subscription> all() {
    return new ArrayList<>(byFilter.values());
  }

  /** The handlers whose filters match {@code topic}, each once. */
  List<MessageHandler> match(String topic) {
    return handlers.match(topic);
  }

  static List<String> filters(List<Subscription> subscriptions) {
    List<String> filters = new ArrayList<>(subscriptions.size());
    for (Subscription subscription : subscriptions) filters.add(subscription.filter());
    return filters;
  }
}
