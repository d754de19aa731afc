package dev.wren.mqtt.internal.queue;

import java.io.IOException;

/** Writes zeros into a segment file: preallocation, and wiping a torn tail. Stateless. */
final class Zeros {
  private static final int CHUNK = 64 * 1024;

  private Zeros() {
  }

  /** Writes zeros over {@code [from, to)} of {@code file}, growing it if {@code to} lies beyond. */
  static void write(SegmentFile file, long from, long to) throws IOException {
    byte[] zeros = new byte[(int) Math.min(CHUNK, Math.max(0, to - from))];
    for (long at = from; at < to; at += zeros.length) {
      file.write(at, zeros, 0, (int) Math.min(zeros.length, to - at));
    }
  }
}
