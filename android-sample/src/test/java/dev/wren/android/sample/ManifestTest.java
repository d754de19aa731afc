package dev.wren.android.sample;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Gradle build's manifest, which no build here compiles, checked against the code: the class
 * names, the service's foreground type and the permissions the code needs.
 */
public class ManifestTest {
  private static final String ANDROID = "http://schemas.android.com/apk/res/android";

  private static Document manifest() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new File("src/main/AndroidManifest.xml"));
  }

  private static List<Element> elements(Document d, String tag) {
    NodeList nodes = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
    return out;
  }

  @Test public void permissions() throws Exception {
    List<String> names = new ArrayList<>();
    for (Element e : elements(manifest(), "uses-permission")) names.add(e.getAttributeNS(ANDROID, "name"));
    assertEquals(Arrays.asList(
        "android.permission.INTERNET",
        "android.permission.ACCESS_NETWORK_STATE",
        "android.permission.FOREGROUND_SERVICE",
        "android.permission.FOREGROUND_SERVICE_DATA_SYNC",
        "android.permission.POST_NOTIFICATIONS"), names);
  }

  @Test public void serviceIsAPrivateDataSyncForegroundService() throws Exception {
    List<Element> services = elements(manifest(), "service");
    assertEquals(1, services.size());
    Element s = services.get(0);
    assertEquals(SensorService.class.getName(), s.getAttributeNS(ANDROID, "name"));
    // SensorService passes ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC to startForeground.
    assertEquals("dataSync", s.getAttributeNS(ANDROID, "foregroundServiceType"));
    assertEquals("false", s.getAttributeNS(ANDROID, "exported"));
  }

  @Test public void activityIsTheLauncher() throws Exception {
    Document d = manifest();
    List<Element> activities = elements(d, "activity");
    assertEquals(1, activities.size());
    assertEquals(MainActivity.class.getName(), activities.get(0).getAttributeNS(ANDROID, "name"));
    assertEquals("true", activities.get(0).getAttributeNS(ANDROID, "exported"));
    assertEquals("android.intent.category.LAUNCHER",
        elements(d, "category").get(0).getAttributeNS(ANDROID, "name"));
  }
}
