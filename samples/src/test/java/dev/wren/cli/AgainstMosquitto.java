package dev.wren.cli;

import dev.wren.mqtt.testing.Mosquitto;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the CLI test classes that run {@code wren} beside {@code mosquitto_pub} and
 * {@code mosquitto_sub} against one real Mosquitto (shipped limits) per class. Test classes run
 * one after another in this module, so one broker field serves each class in turn.
 */
abstract class AgainstMosquitto {
  /** Unique names: a test never meets another test's retained messages or sessions. */
  static final AtomicInteger IDS = new AtomicInteger();
  static Mosquitto broker;

  @BeforeAll static void startBroker() throws Exception {
    Mosquitto.assumeAvailable();
    Mosquitto.assumeClientsAvailable();
    broker = Mosquitto.start();
  }

  @AfterAll static void stopBroker() throws Exception {
    if (broker != null) broker.close();
    broker = null;
  }

  static String port() {
    return Integer.toString(broker.port());
  }
}
