package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped systemd unit, {@code samples/systemd/wren-gateway.service}, checked in plain Java so
 * that it cannot rot unnoticed: well-formed sections and keys (a misspelt key is an error here,
 * where systemd would only log a warning), an ExecStart whose JVM options this JDK accepts and
 * whose {@code wren gateway} flags the CLI parses and {@code --help} documents, the queue under
 * the state directory, and the exit statuses it names matching what wren does.
 */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("systemd", "wren-gateway.service");
  private static final Path GUIDE = Path.of("..", "docs", "raspberry-pi.md");
  /** The keys this unit may use, per section; extend when the unit needs another. */
  private static final Map<String, Set<String>> KEYS = Map.of(
      "Unit", Set.of("Description", "Documentation", "Wants", "After", "Requires", "Before"),
      "Service", Set.of("Type", "User", "Group", "StateDirectory", "StateDirectoryMode",
          "WorkingDirectory", "Environment", "EnvironmentFile", "ExecStart", "SuccessExitStatus",
          "TimeoutStopSec", "Restart", "RestartSec", "RestartPreventExitStatus", "NoNewPrivileges",
          "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices"),
      "Install", Set.of("WantedBy"));

  private static Map<String, Map<String, String>> unit;

  @BeforeAll static void parse() throws IOException {
    unit = parse(Files.readAllLines(UNIT, StandardCharsets.UTF_8));
  }

  /** Sections of KEY=VALUE lines; comments and blank lines skipped; no key twice. */
  private static Map<String, Map<String, String>> parse(List<String> lines) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    String section = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = UNIT + ":" + (i + 1) + ": ";
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
      assertTrue(!line.endsWith("\\"), where + "no line continuations, please: " + line);
      if (line.startsWith("[")) {
        assertTrue(line.endsWith("]"), where + line);
        String name = line.substring(1, line.length() - 1);
        assertTrue(KEYS.containsKey(name), where + "unknown section " + line);
        assertTrue(!sections.containsKey(name), where + "section twice: " + line);
        current = new LinkedHashMap<>();
        section = name;
        sections.put(name, current);
        continue;
      }
      assertNotNull(current, where + "a key before any section: " + line);
      int eq = line.indexOf('=');
      assertTrue(eq > 0, where + "not KEY=VALUE: " + line);
      String key = line.substring(0, eq).strip();
      assertTrue(KEYS.get(section).contains(key), where + "unknown key in [" + section + "]: "
          + key);
      assertTrue(current.put(key, line.substring(eq + 1).strip()) == null,
          where + "key twice: " + key);
    }
    return sections;
  }

  private static String service(String key) {
    String value = unit.get("Service").get(key);
    assertNotNull(value, "[Service] has no " + key);
    return value;
  }

  private static List<String> execStart() {
    List<String> words = Arrays.asList(service("ExecStart").split("\\s+"));
    assertTrue(words.stream().noneMatch(w -> w.contains("\"") || w.contains("'")
        || w.contains("$")), "quotes and variables are not checked here: " + words);
    return words;
  }

  @Test void sectionsAndValuesAreWhatSystemdExpects() {
    assertEquals(Set.of("Unit", "Service", "Install"), unit.keySet());
    assertEquals("exec", service("Type"));
    assertEquals("on-failure", service("Restart"));
    assertEquals("multi-user.target", unit.get("Install").get("WantedBy"));
    for (String key : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices")) {
      assertEquals("yes", service(key), key);
    }
    assertEquals("strict", service("ProtectSystem"));
    assertTrue(service("RestartSec").matches("\\d+"), service("RestartSec"));
    assertTrue(service("TimeoutStopSec").matches("\\d+"), service("TimeoutStopSec"));
  }

  @Test void runsAsItsOwnUserWithTheQueueInTheStateDirectory() throws CliException {
    String user = service("User");
    assertTrue(!user.equals("root") && user.matches("[a-z_][a-z0-9_-]*"), user);
    String state = "/var/lib/" + service("StateDirectory");
    assertEquals(state, service("WorkingDirectory"));
    CliOptions o = gatewayOptions();
    assertTrue(o.queueDir.startsWith(state), "--queue-dir " + o.queueDir + " is not under "
        + state + ", the only directory the unit makes writable");
    assertNotNull(o.sync, "the unit names its sync policy (docs/raspberry-pi.md says which)");
  }

  @Test void gatewayFlagsParseAndAreDocumentedByGatewayHelp() throws CliException {
    CliOptions o = gatewayOptions();
    assertTrue(o.brokerGiven(), "ExecStart names no broker");
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    int exit = Wren.run(new String[] {"gateway", "--help"}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(help, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, exit);
    String text = help.toString(StandardCharsets.UTF_8);
    for (String word : wrenArgs()) {
      if (word.startsWith("-")) {
        assertTrue(text.contains(" " + word + " ") || text.contains(" " + word + ","),
            "wren gateway --help does not document " + word);
      }
    }
  }

  /** The JVM options start a JDK (this one, 17 as on Raspberry Pi OS; 25 on the second run). */
  @Test void jvmOptionsAreAcceptedByTheJvm() throws Exception {
    List<String> words = execStart();
    assertEquals("/usr/bin/java", words.get(0));
    int jar = words.indexOf("-jar");
    assertTrue(jar > 0 && jar + 1 < words.size(), "ExecStart has no -jar JAR: " + words);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(words.subList(1, jar));
    assertTrue(command.stream().anyMatch(w -> w.matches("-Xmx\\d+[mM]")), "no -Xmx: " + words);
    command.add("-version");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "java -version did not end");
    assertEquals(0, p.exitValue(), command + " said:\n" + out);
  }

  @Test void exitStatusesMatchWhatWrenDoes() {
    // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran (QueueEndToEndTest
    // checks wren gateway exits so on SIGTERM); systemd must count it as a clean stop.
    assertTrue(Arrays.asList(service("SuccessExitStatus").split("\\s+")).contains("143"));
    assertEquals(List.of(Integer.toString(ExitCodes.USAGE)),
        Arrays.asList(service("RestartPreventExitStatus").split("\\s+")));
  }

  @Test void theGuideInstallsWhatTheUnitRuns() throws IOException {
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    List<String> words = execStart();
    String jar = words.get(words.indexOf("-jar") + 1);
    for (String needed : List.of(jar, "samples/systemd/wren-gateway.service",
        "useradd --system --no-create-home --shell /usr/sbin/nologin " + service("User"),
        "/var/lib/" + service("StateDirectory"))) {
      if (!guide.contains(needed)) fail(GUIDE + " does not mention '" + needed + "'");
    }
  }

  private static List<String> wrenArgs() {
    List<String> words = execStart();
    int jar = words.indexOf("-jar");
    return words.subList(jar + 2, words.size());
  }

  private static CliOptions gatewayOptions() throws CliException {
    List<String> args = wrenArgs();
    assertEquals("gateway", args.get(0));
    return Args.parse(Args.Cmd.GATEWAY, args.subList(1, args.size()));
  }
}
