package dev.wren.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The payloads {@code pub} sends, in order: one for {@code -m}, {@code -f}, {@code -s} and
 * {@code -n}; one per line of stdin for {@code -l}, read as the lines arrive.
 */
abstract class PayloadSource {
  /** The next payload, or null when there are no more. */
  abstract byte[] next() throws IOException;

  static PayloadSource of(CliOptions o, InputStream stdin) throws CliException {
    switch (o.payloadKind) {
      case MESSAGE:
        return single(o.message.getBytes(StandardCharsets.UTF_8));
      case NULL:
        return single(new byte[0]);
      case FILE:
        try {
          return single(Files.readAllBytes(o.file));
        } catch (IOException | OutOfMemoryError e) {
          throw new CliException(ExitCodes.ERROR, "-f " + o.file + ": cannot read: " + e);
        }
      case STDIN:
        try {
          return single(stdin.readAllBytes());
        } catch (IOException e) {
          throw new CliException(ExitCodes.ERROR, "-s: cannot read stdin: " + e.getMessage());
        }
      case LINES:
        return lines(stdin);
      default:
        throw new AssertionError(o.payloadKind);
    }
  }

  /** One payload. */
  static PayloadSource single(byte[] payload) {
    return new PayloadSource() {
      private boolean taken;

      @Override byte[] next() {
        if (taken) return null;
        taken = true;
        return payload;
      }
    };
  }

  /**
   * One payload per line of {@code in}, without the line end ({@code \n} or {@code \r\n}). Empty
   * lines are skipped, as mosquitto_pub -l does; a last line without a line end counts.
   */
  static PayloadSource lines(InputStream stdin) {
    InputStream in = new java.io.BufferedInputStream(stdin);
    return new PayloadSource() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();
      private boolean eof;

      @Override byte[] next() throws IOException {
        while (!eof) {
          int b = in.read();
          if (b == -1) {
            eof = true;
          } else if (b != '\n') {
            line.write(b);
            continue;
          }
          byte[] bytes = line.toByteArray();
          line.reset();
          int length = bytes.length;
          if (length > 0 && bytes[length - 1] == '\r') length--;
          if (length > 0) return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        }
        return null;
      }
    };
  }
}
