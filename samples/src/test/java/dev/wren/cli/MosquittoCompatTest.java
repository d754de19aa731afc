package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.testing.Mosquitto;
import dev.wren.mqtt.testing.MosquittoClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * wren beside the real mosquitto_sub and mosquitto_pub (2.0) on one Mosquitto: each test runs
 * both with the same flags over the same messages and compares what they print, byte for byte
 * ({@code -F}, {@code -R}, {@code --retained-only}, {@code -T}, {@code -U}, {@code -E},
 * {@code --repeat}, {@code -d}).
 */
@Timeout(90)
class MosquittoCompatTest extends AgainstMosquitto {

  @TempDir Path dir;

  /** What one subscriber printed, and how it ended. */
  private record Output(int exit, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  /** mosquitto_sub and wren sub with the same flags, both subscribed. */
  private final class Pair {
    final Process mosquitto;
    final Path mosquittoOut;
    final CompletableFuture<Output> wren;

    Pair(String idBase, String... args) throws Exception {
      String mid = idBase + "-m";
      String wid = idBase + "-w";
      int mBefore = count("Sending SUBACK to " + mid);
      int wBefore = count("Sending SUBACK to " + wid);
      List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p",
          "" + broker.port(), "-i", mid));
      cmd.addAll(Arrays.asList(args));
      mosquittoOut = dir.resolve(mid + ".out");
      mosquitto = new ProcessBuilder(cmd).redirectOutput(mosquittoOut.toFile())
          .redirectError(dir.resolve(mid + ".err").toFile()).start();
      wren = CompletableFuture.supplyAsync(() -> MosquittoCompatTest.wren(withBroker("sub", wid, args)));
      awaitLog("Sending SUBACK to " + mid, mBefore);
      awaitLog("Sending SUBACK to " + wid, wBefore);
    }

    Output mosquitto() throws Exception {
      assertTrue(mosquitto.waitFor(20, TimeUnit.SECONDS), "mosquitto_sub did not end");
      return new Output(mosquitto.exitValue(), Files.readAllBytes(mosquittoOut), "");
    }

    Output wren() throws Exception {
      return wren.get(20, TimeUnit.SECONDS);
    }

    /** Both printed the same bytes and exited alike; returns what they printed. */
    String assertSame(int exit) throws Exception {
      Output m = mosquitto();
      Output w = wren();
      assertEquals(exit, m.exit, "mosquitto_sub: " + m.text());
      assertEquals(exit, w.exit, "wren: " + w.text() + w.err);
      assertEquals(m.text(), w.text());
      assertTrue(Arrays.equals(m.out, w.out), "the same bytes");
      return m.text();
    }

    /**
     * Both printed the same lines, byte for byte, maybe in another order: mosquitto_sub prints a
     * QoS 2 message once the PUBREL came, wren when its PUBLISH did (so a later QoS 0 or 1
     * message may print first in mosquitto_sub).
     */
    List<String> assertSameLines(int exit) throws Exception {
      Output m = mosquitto();
      Output w = wren();
      assertEquals(exit, m.exit, "mosquitto_sub: " + m.text());
      assertEquals(exit, w.exit, "wren: " + w.text() + w.err);
      assertEquals(m.out.length, w.out.length, w.text());
      List<String> ml = sortedLines(m.out);
      assertEquals(ml, sortedLines(w.out));
      return ml;
    }
  }

  /** The lines of {@code out}, each as its bytes in ISO-8859-1 (one char a byte), sorted. */
  private static List<String> sortedLines(byte[] out) {
    List<String> lines = new ArrayList<>(Arrays.asList(
        new String(out, StandardCharsets.ISO_8859_1).split("\n", -1)));
    lines.sort(null);
    return lines;
  }

  private static String[] withBroker(String command, String id, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "-h", "127.0.0.1", "-p", "" + broker.port(),
        "-i", id));
    all.addAll(Arrays.asList(args));
    return all.toArray(new String[0]);
  }

  /** wren in this process, stdout as bytes. */
  private static Output wren(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Wren.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static int count(String marker) {
    String log = broker.log();
    int n = 0;
    for (int at = log.indexOf(marker); at >= 0; at = log.indexOf(marker, at + 1)) n++;
    return n;
  }

  private static void awaitLog(String marker, int before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (count(marker) <= before) {
      if (System.nanoTime() > deadline) throw new AssertionError("no '" + marker + "'");
      Thread.sleep(20);
    }
  }

  private static void pub(String... args) throws Exception {
    MosquittoClients.Result r = MosquittoClients.pub(broker, args);
    assertEquals(0, r.exitCode(), r.toString());
  }

  private static String id(String what) {
    return "compat-" + what + "-" + IDS.incrementAndGet();
  }

  /** Retained, QoS 0/1/2, non-ASCII, JSON, empty and binary messages under {@code prefix}. */
  private void publishTheSet(String prefix) throws Exception {
    pub("-t", prefix + "/é", "-m", "é\"\\x", "-q", "1");
    pub("-t", prefix + "/json", "-m", "{ \"a\" : [1, 2.50, true, null, \"x\\u00e9\"], \"b\":{}}",
        "-q", "2");
    pub("-t", prefix + "/empty", "-n", "-q", "1");
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {'a', 1, (byte) 0xff, '\t', 'b'});
    pub("-t", prefix + "/bin", "-f", binary.toString());
    pub("-t", prefix + "/n", "-m", " 12.5e3 ");
  }

  @Test void formatSpecifiersPrintTheSameBytes() throws Exception {
    String prefix = "compat/fmt/" + IDS.incrementAndGet();
    pub("-t", prefix + "/retained", "-m", "hello", "-q", "1", "-r");
    String format = "%t|%p|%q|%r|%m|%l|%x|%X|[%10p][%-10p][%-p][%010p][%2p][%10x][%-10x][%2x]"
        + "[%5X][%5t][%-5t][%.2t][%5.2t][%-5.2t][%05l][%-5l][%-05l][%5m][%5q][%A][%5A][%05E]"
        + "[%5C][%%][\\e\\v\\a\\t\\\\][@@][%.t][%R%D%P]";
    Pair pair = new Pair(id("fmt"), "-t", prefix + "/#", "-q", "2", "-C", "6", "-F", format);
    publishTheSet(prefix);
    List<String> printed = pair.assertSameLines(0);
    assertEquals(7, printed.size(), printed.toString()); // six lines and the empty end
    assertTrue(printed.toString().contains(prefix + "/retained|hello|1|1|1|5|68656c6c6f|"),
        printed.toString());
  }

  @Test void timeAndJsonSpecifiersMatchButForTheClock() throws Exception {
    String prefix = "compat/time/" + IDS.incrementAndGet();
    Pair pair = new Pair(id("time"), "-t", prefix + "/#", "-q", "2", "-C", "5", "-F",
        "%I|%U|%j|%J|@Y-@m-@d @H:@M:@S.@N|@a @b @e @j @z");
    publishTheSet(prefix);
    Output m = pair.mosquitto();
    Output w = pair.wren();
    assertEquals(0, m.exit);
    assertEquals(0, w.exit, w.err);
    List<String> ml = new ArrayList<>(Arrays.asList(clockless(m.text()).split("\n")));
    List<String> wl = new ArrayList<>(Arrays.asList(clockless(w.text()).split("\n")));
    ml.sort(null);
    wl.sort(null);
    assertEquals(ml, wl);
    // %J of a payload that is not JSON: mosquitto_sub says so on stderr, and so does wren.
    assertTrue(w.err.contains("is not valid JSON"), w.err);
    assertTrue(clockless(w.text()).contains("\"payload\":{\"a\":[1,2.5,true,null,\"x\u00e9\"],"
        + "\"b\":{}}"), w.text());
  }

  /** Times replaced by what they are, so that two processes' output compares. */
  private static String clockless(String s) {
    return s.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6}Z)?[+-]\\d{4}", "<iso>")
        .replaceAll("\\d{10}\\.\\d{9}", "<unix>")
        .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}", "<strftime>")
        .replaceAll("[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{3} [+-]\\d{4}", "<date>");
  }

  @Test void retainedMessagesSkippedWithRAndAloneWithRetainedOnly() throws Exception {
    String prefix = "compat/ret/" + IDS.incrementAndGet();
    pub("-t", prefix + "/a", "-m", "old-a", "-r", "-q", "1");
    pub("-t", prefix + "/b", "-m", "old-b", "-r", "-q", "1");
    Pair skip = new Pair(id("R"), "-t", prefix + "/#", "-R", "-C", "1", "-v");
    Pair only = new Pair(id("ronly"), "-t", prefix + "/#", "--retained-only", "-v");
    pub("-t", prefix + "/c", "-m", "live");
    assertEquals(prefix + "/c live\n", skip.assertSame(0));
    String retained = only.assertSame(0);
    assertEquals(2, retained.split("\n").length, retained);
    assertTrue(retained.contains(prefix + "/a old-a\n") && retained.contains(prefix + "/b old-b\n"),
        retained);
  }

  @Test void filterOutHidesMatchingTopicsAndTheyDoNotCount() throws Exception {
    String prefix = "compat/filter/" + IDS.incrementAndGet();
    Pair pair = new Pair(id("T"), "-t", prefix + "/#", "-T", prefix + "/secret/#", "-T",
        prefix + "/+/x", "-C", "2", "-v");
    pub("-t", prefix + "/secret/a", "-m", "1");
    pub("-t", prefix + "/secret", "-m", "2");
    pub("-t", prefix + "/a", "-m", "3");
    pub("-t", prefix + "/b/x", "-m", "4");
    pub("-t", prefix + "/c", "-m", "5");
    assertEquals(prefix + "/a 3\n" + prefix + "/c 5\n", pair.assertSame(0));
  }

  @Test void unsubscribeAndExitAfterSubscribeWithAPersistentSession() throws Exception {
    String prefix = "compat/unsub/" + IDS.incrementAndGet();
    String base = id("U");
    // -E: subscribe in a persistent session and exit at once
    new Pair(base, "-c", "-q", "1", "-t", prefix + "/#", "-E").assertSame(0);
    // -U: the session forgets the filter; -E exits once done
    new Pair(base, "-c", "-q", "1", "-t", prefix + "/other", "-U", prefix + "/#", "-E")
        .assertSame(0);
    pub("-t", prefix + "/1", "-m", "not for you", "-q", "1");
    // Had -U been ignored, the session would hold the message and print it now.
    assertEquals("", new Pair(base, "-c", "-q", "1", "-t", prefix + "/other", "-C", "1", "-W",
        "2").assertSame(ExitCodes.WAIT_EXPIRED));
  }

  @Test void repeatPublishesTheMessageAgain() throws Exception {
    String prefix = "compat/repeat/" + IDS.incrementAndGet();
    Pair pair = new Pair(id("rep"), "-t", prefix + "/#", "-v", "-W", "3");
    pub("-t", prefix + "/m", "-m", "hi", "-q", "1", "--repeat", "3", "--repeat-delay", "0.1");
    Output pubRun = wren(withBroker("pub", id("rep-pub"), "-t", prefix + "/w", "-m", "hi", "-q",
        "1", "--repeat", "3", "--repeat-delay", "0.1"));
    assertEquals(0, pubRun.exit, pubRun.err);
    assertEquals(("" + prefix + "/m hi\n").repeat(3) + (prefix + "/w hi\n").repeat(3),
        pair.assertSame(ExitCodes.WAIT_EXPIRED));
  }

  @Test void debugLinesMatchMosquittoPub() throws Exception {
    String prefix = "compat/debug/" + IDS.incrementAndGet();
    for (String qos : new String[] {"0", "1", "2"}) {
      MosquittoClients.Result m = MosquittoClients.pub(broker, "-i", "dbg", "-d", "-t",
          prefix + "/x", "-m", "secret payload", "-q", qos, "-r");
      Output w = wren(withBroker("pub", "dbg", "-d", "-t", prefix + "/x", "-m",
          "secret payload", "-q", qos, "-r"));
      assertEquals(0, w.exit, w.err);
      // mosquitto_pub prints its debug lines on stdout, wren on stderr. A QoS 0 PUBLISH has no
      // packet id: wren shows m0, mosquitto the number its library counts with.
      String expected = qos.equals("0") ? m.stdout().replace("q0, r1, m1,", "q0, r1, m0,")
          : m.stdout();
      assertEquals(expected, w.err.trim(), "QoS " + qos);
      assertTrue(!w.err.contains("secret payload"), w.err);
    }
  }

  @Test void debugLinesMatchMosquittoSub() throws Exception {
    String prefix = "compat/debugsub/" + IDS.incrementAndGet();
    for (String qos : new String[] {"1", "2"}) {
      String base = id("dbgsub");
      Pair pair = new Pair(base, "-d", "-q", qos, "-t", prefix + "/" + qos, "-t", prefix + "/z",
          "-U", prefix + "/none", "-C", "1");
      pub("-t", prefix + "/" + qos, "-m", "payload", "-q", qos);
      Output m = pair.mosquitto();
      Output w = pair.wren();
      assertEquals(0, w.exit, w.err);
      // mosquitto interleaves its debug lines with the payload on stdout; wren keeps them apart.
      String mosquittoDebug = m.text().replace("payload\n", "").replace(base + "-m", "ID");
      String wrenDebug = w.err.replace(base + "-w", "ID");
      // The UNSUBSCRIBE leaves right after the SUBSCRIBE; the SUBACK may come back in between.
      String unsubscribe = "Client ID sending UNSUBSCRIBE (Mid: 2, Topic: " + prefix + "/none)\n";
      assertTrue(wrenDebug.indexOf(unsubscribe) > wrenDebug.indexOf("sending SUBSCRIBE")
          && wrenDebug.indexOf(unsubscribe) < wrenDebug.indexOf("received UNSUBACK"), wrenDebug);
      assertEquals(mosquittoDebug.replace(unsubscribe, ""), wrenDebug.replace(unsubscribe, ""),
          "QoS " + qos);
      assertEquals("payload\n", w.text());
    }
  }

  @Test void removeRetainedClearsWhatItReceives() throws Exception {
    String prefix = "compat/remove/" + IDS.incrementAndGet();
    pub("-t", prefix + "/a", "-m", "stale", "-r", "-q", "1");
    Output w = wren(withBroker("sub", id("rm"), "-t", prefix + "/#", "--remove-retained", "-C",
        "1", "-q", "1"));
    assertEquals(0, w.exit, w.err);
    assertEquals("stale\n", new String(w.out, StandardCharsets.UTF_8));
    // The retained message is gone: a new subscriber gets nothing.
    MosquittoClients.Result after = MosquittoClients.run(10_000, List.of("mosquitto_sub", "-h",
        "127.0.0.1", "-p", "" + broker.port(), "-t", prefix + "/#", "-W", "1"));
    assertEquals(ExitCodes.WAIT_EXPIRED, after.exitCode(), after.toString());
    assertEquals("", after.stdout());
  }
}
