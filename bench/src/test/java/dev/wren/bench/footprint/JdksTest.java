package dev.wren.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a JDK with virtual threads from the release files of installed JDKs. */
class JdksTest {
  @TempDir Path root;

  @Test void picksTheNewestJdkOf21OrLaterAndIgnoresOlderOnesAndJres() throws Exception {
    jdk("java-17", "17.0.15");
    jdk("temurin-21", "21.0.4");
    jdk("temurin-25", "25.0.3");
    jdk("java-8", "1.8.0_402");
    Files.createDirectories(root.resolve("broken"));
    Jdks.Jdk found = Jdks.withVirtualThreads(root);
    assertEquals(25, found.feature());
    assertEquals(root.resolve("temurin-25").resolve("bin").resolve("java"), found.java());
    assertEquals(8, Jdks.read(root.resolve("java-8")).feature());
  }

  @Test void noneWhenOnlyOlderJdksAreInstalled() throws Exception {
    jdk("java-17", "17.0.15");
    assertNull(Jdks.withVirtualThreads(root));
    assertNull(Jdks.withVirtualThreads(root.resolve("absent")));
  }

  private void jdk(String name, String version) throws Exception {
    Path bin = Files.createDirectories(root.resolve(name).resolve("bin"));
    Files.createFile(bin.resolve("java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.write(root.resolve(name).resolve("release"),
        ("IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
  }
}
