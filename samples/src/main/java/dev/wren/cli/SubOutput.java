package dev.wren.cli;

import dev.wren.mqtt.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How {@code sub} prints a message without {@code -F}, as mosquitto_sub does: the payload bytes as
 * they came, after {@code topic } with {@code -v}, then a newline unless {@code -N}. An empty
 * payload prints nothing, or {@code topic (null)} with {@code -v} (nothing with {@code -v -N}).
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
    byte[] payload = message.payload();
    if (payload.length == 0) {
      if (verbose && newline) {
        out.writeBytes((message.topic() + " (null)\n").getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }
    if (verbose) {
      out.writeBytes(message.topic().getBytes(StandardCharsets.UTF_8));
      out.write(' ');
    }
    out.writeBytes(payload);
    if (newline) out.write('\n');
    return out.toByteArray();
  }
}
