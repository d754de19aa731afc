package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The R8/ProGuard consumer rules the jar ships (META-INF/proguard/wren-mqtt.pro) cannot rot: they
 * are on the class path as the jar will hold them, every class a -keep rule names exists, each rule
 * says why in a comment, and the names TlsProviders looks up by Class.forName are kept. Lives next
 * to TlsProviders, whose by-name lookups are the sdk's own reason for rules.
 */
class ProguardRulesTest {
  private static final String RESOURCE = "META-INF/proguard/wren-mqtt.pro";
  /** The class a rule names: after "class" or "interface", or after "implements"/"extends". */
  private static final Pattern NAMED = Pattern.compile(
      "(?:\\bclass|\\binterface|\\bimplements|\\bextends)\\s+([\\w.$]+)");

  private static List<String> lines() throws Exception {
    URL url = TlsProviders.class.getClassLoader().getResource(RESOURCE);
    assertNotNull(url, RESOURCE + " is not on the class path (sdk/src/main/resources)");
    List<String> lines = new ArrayList<>();
    try (InputStream in = url.openStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) lines.add(line.trim());
    }
    return lines;
  }

  private static List<String> keptClassNames(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("-keep")) continue;
      Matcher m = NAMED.matcher(line);
      while (m.find()) {
        if (!m.group(1).contains("*")) names.add(m.group(1));
      }
    }
    return names;
  }

  @Test void everyClassAKeepRuleNamesExists() throws Exception {
    List<String> names = keptClassNames(lines());
    assertEquals(6, names.size(), "kept names: " + names);
    ClassLoader loader = TlsProviders.class.getClassLoader();
    for (String name : names) {
      assertDoesNotThrow(() -> Class.forName(name, false, loader),
          "a -keep rule names " + name + ", which is not on the sdk's class path: rename or drop the rule");
    }
  }

  @Test void theNamesTlsProvidersLooksUpAreKept() throws Exception {
    List<String> names = keptClassNames(lines());
    assertTrue(names.contains(TlsProviders.BC_JSSE_CLASS), names.toString());
    assertTrue(names.contains(TlsProviders.BC_PROVIDER_CLASS), names.toString());
  }

  @Test void everyRuleSaysWhyInTheCommentAboveIt() throws Exception {
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("-")) continue;
      int above = i - 1;
      while (above >= 0 && lines.get(above).startsWith("-")) above--;
      assertTrue(above >= 0 && lines.get(above).startsWith("#"),
          "rule on line " + (i + 1) + " has no comment above it: " + lines.get(i));
    }
  }
}
