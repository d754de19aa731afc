package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadSourceTest {
  @TempDir Path dir;

  private static List<String> all(PayloadSource source) throws IOException {
    List<String> out = new ArrayList<>();
    byte[] p;
    while ((p = source.next()) != null) out.add(new String(p, StandardCharsets.UTF_8));
    return out;
  }

  private static PayloadSource source(InputStream stdin, String... words) throws CliException {
    return PayloadSource.of(Args.parse(Args.Cmd.PUB, List.of(words)), stdin);
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test void message() throws Exception {
    assertEquals(List.of("héllo wörld"), all(source(stdin("ignored"), "-t", "a", "-m",
        "héllo wörld")));
  }

  @Test void nullMessage() throws Exception {
    PayloadSource s = source(stdin("ignored"), "-t", "a", "-n");
    assertArrayEquals(new byte[0], s.next());
    assertNull(s.next());
  }

  @Test void wholeFileAsBytes() throws Exception {
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
    Path file = Files.write(dir.resolve("blob"), bytes);
    PayloadSource s = source(stdin(""), "-t", "a", "-f", file.toString());
    assertArrayEquals(bytes, s.next());
    assertNull(s.next());
  }

  @Test void wholeStdin() throws Exception {
    assertEquals(List.of("a\nb\n"), all(source(stdin("a\nb\n"), "-t", "a", "-s")));
  }

  @Test void linesInOrderSkippingEmptyOnesAndCrlf() throws Exception {
    assertEquals(List.of("one", "two", "three", "last"),
        all(source(stdin("one\ntwo\r\n\n\r\nthree\nlast"), "-t", "a", "-l")));
    assertEquals(List.of(), all(PayloadSource.lines(stdin(""))));
    assertEquals(List.of(), all(PayloadSource.lines(stdin("\n\n"))));
  }

  @Test void linesKeepBinaryBytes() throws IOException {
    byte[] in = {(byte) 0xff, 0, 7, '\n', (byte) 0x80};
    PayloadSource s = PayloadSource.lines(new ByteArrayInputStream(in));
    assertArrayEquals(new byte[] {(byte) 0xff, 0, 7}, s.next());
    assertArrayEquals(new byte[] {(byte) 0x80}, s.next());
    assertNull(s.next());
  }

  @Test void linesArriveBeforeStdinEnds() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream reader = new PipedInputStream(writer);
    PayloadSource s = PayloadSource.lines(reader);
    writer.write("first\n".getBytes(StandardCharsets.UTF_8));
    writer.flush();
    assertEquals("first", new String(s.next(), StandardCharsets.UTF_8)); // stdin still open
    writer.write("second\n".getBytes(StandardCharsets.UTF_8));
    writer.close();
    assertEquals("second", new String(s.next(), StandardCharsets.UTF_8));
    assertNull(s.next());
  }

  @Test void unreadableFileIsAnError() throws Exception {
    Path file = Files.write(dir.resolve("gone"), new byte[] {1});
    CliOptions o = Args.parse(Args.Cmd.PUB, List.of("-t", "a", "-f", file.toString()));
    Files.delete(file);
    CliException e = assertThrows(CliException.class, () -> PayloadSource.of(o, stdin("")));
    assertEquals(ExitCodes.ERROR, e.exitCode());
  }
}
