package dev.wren.cli;

import dev.wren.mqtt.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How {@code sub} prints a message: the payload bytes as they came, after {@code topic } with
 * {@code -v}, then a newline unless {@code -N}.
 */
final class SubOutput {
  private final boolean verbose;
  private final boolean newline;

  SubOutput(boolean verbose, boolean newline) {
    this.verbose = verbose;
    this.newline = newline;
  }

  byte[] format(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.payloadSize() + 64);
    if (verbose) {
      out.writeBytes(message.topic().getBytes(StandardCharsets.UTF_8));
      out.write(' ');
    }
    out.writeBytes(message.payload());
    if (newline) out.write('\n');
    return out.toByteArray();
  }
}
