package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.Test;

public class ReadingTest {
  @Test public void jsonPayload() {
    Reading r = new Reading("accelerometer", "m/s2", new float[] {0.5f, -9.81f, 1e-5f}, 1_700_000_000_123L);
    assertEquals("{\"sensor\":\"accelerometer\",\"unit\":\"m/s2\",\"seq\":7,\"time\":1700000000123,"
        + "\"values\":[0.5,-9.81,1.0E-5]}", new String(r.toJson(7), StandardCharsets.UTF_8));
    assertEquals("sensors/phone/accelerometer", r.topicUnder("sensors/phone"));
  }

  @Test public void numbersUseADotInEveryLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      Reading r = new Reading("light", "lx", new float[] {312.5f}, 0);
      assertEquals("{\"sensor\":\"light\",\"unit\":\"lx\",\"seq\":1,\"time\":0,\"values\":[312.5]}",
          new String(r.toJson(1), StandardCharsets.UTF_8));
      assertEquals("light 312.5 lx", r.toShortText());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test public void valuesJsonCannotHoldBecomeNullAndUnitsAreEscaped() {
    Reading r = new Reading("odd", "\"q\"\n", new float[] {Float.NaN, Float.POSITIVE_INFINITY}, 5);
    assertEquals("{\"sensor\":\"odd\",\"unit\":\"\\\"q\\\"\\u000a\",\"seq\":2,\"time\":5,"
        + "\"values\":[null,null]}", new String(r.toJson(2), StandardCharsets.UTF_8));
  }

  @Test public void shortTextShowsThreeValuesAtMost() {
    Reading r = new Reading("rotation", "", new float[] {1, 2, 3, 4}, 0);
    assertEquals("rotation 1.0, 2.0, 3.0, …", r.toShortText());
  }

  @Test public void sensorNameMustFitATopicLevel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Reading("a/b", "", new float[] {1}, 0));
    assertEquals("sensor name must be 1 to 64 of [A-Za-z0-9_-]: \"a/b\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Reading("x", "", new float[0], 0));
  }

  @Test public void valuesAreCopied() {
    float[] values = {1};
    Reading r = new Reading("x", "", values, 0);
    values[0] = 2;
    r.values()[0] = 3;
    assertEquals(1f, r.values()[0], 0f);
  }
}
