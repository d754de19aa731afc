package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class SampleSettingsTest {
  private static final String ID = "wren-0123456789ab";

  @Test public void defaults() {
    SampleSettings s = SampleSettings.builder(ID).build();
    assertEquals("tcp://10.0.2.2:1883", s.brokerUri());
    assertEquals("wren/sample/" + ID, s.topic());
    assertEquals(5_000, s.intervalMillis());
  }

  @Test public void valuesAsTypedAreTrimmed() {
    SampleSettings s = SampleSettings.builder(ID)
        .brokerUri("  ssl://broker.example:8883 ")
        .topic(" plant/7 ")
        .intervalSeconds(" 0.5 ")
        .build();
    assertEquals("ssl://broker.example:8883", s.brokerUri());
    assertEquals("plant/7", s.topic());
    assertEquals(500, s.intervalMillis());
    assertEquals(s, s.toBuilder().build());
  }

  @Test public void badBrokerUriIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleSettings.builder(ID).brokerUri("http://broker:1883"));
    assertTrue(e.getMessage(), e.getMessage().contains("http://broker:1883"));
    e = assertThrows(IllegalArgumentException.class, () -> SampleSettings.builder(ID).brokerUri("  "));
    assertTrue(e.getMessage(), e.getMessage().contains("empty"));
  }

  @Test public void badTopicIsRefusedNamingIt() {
    for (String bad : new String[] {"a/+/b", "a/#", "/a", "a/", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SampleSettings.builder(ID).topic(bad));
      assertTrue(e.getMessage(), bad.isEmpty() || e.getMessage().contains(bad));
    }
  }

  @Test public void intervalOutsideItsRangeOrNotANumberIsRefused() {
    for (String bad : new String[] {"0.05", "3601", "five", "NaN", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SampleSettings.builder(ID).intervalSeconds(bad));
      assertTrue(e.getMessage(), e.getMessage().contains("\"" + bad + "\""));
    }
    assertThrows(IllegalArgumentException.class,
        () -> SampleSettings.builder(ID).interval(99, TimeUnit.MILLISECONDS));
    assertEquals(3_600_000, SampleSettings.builder(ID).interval(1, TimeUnit.HOURS).build().intervalMillis());
  }

  @Test public void clientIdsEveryBrokerAccepts() {
    String id = SampleSettings.newClientId(new Random(7));
    assertTrue(id, id.matches("wren-[0-9a-f]{12}"));
    assertEquals(id, SampleSettings.builder(id).build().clientId());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleSettings.builder("phone 1"));
    assertTrue(e.getMessage(), e.getMessage().contains("' ' at 5"));
    assertThrows(IllegalArgumentException.class, () -> SampleSettings.builder("x".repeat(24)));
  }
}
