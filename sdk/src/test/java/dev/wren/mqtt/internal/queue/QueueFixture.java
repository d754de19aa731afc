package dev.wren.mqtt.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wren.mqtt.QueueOptions;
import dev.wren.mqtt.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Opens file queues over a {@link FaultyStorage} and reads back what they hold. */
final class QueueFixture {
  final File dir;
  final FaultyStorage storage;
  RecordingListener listener = new RecordingListener();
  long segmentBytes = QueueFormat.SEGMENT_BYTES;
  NanoClock clock = NanoClock.SYSTEM;
  QueueOptions options;

  QueueFixture(File dir) {
    this.dir = dir;
    this.storage = new FaultyStorage(dir);
    this.options = QueueOptions.files(dir).sync(SyncPolicy.NEVER).build();
  }

  FileQueue open() throws IOException {
    return FileQueue.open(options, listener, storage, segmentBytes, clock);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(QueuedMessage m) {
    return new String(m.payload(), StandardCharsets.UTF_8);
  }

  /** Appends QoS 1 messages "m<first>".."m<first+count-1>" to topic t. */
  static void appendAll(OutboundQueue q, int first, int count) throws IOException {
    for (int i = first; i < first + count; i++) q.append("t", bytes("m" + i), 1, false);
  }

  /** The payloads next() hands out until it returns null. */
  static List<String> drain(OutboundQueue q) throws IOException {
    List<String> out = new ArrayList<>();
    QueuedMessage m;
    while ((m = q.next()) != null) out.add(text(m));
    return out;
  }

  /** The sequence numbers next() hands out until it returns null. */
  static List<Long> drainSeqs(OutboundQueue q) throws IOException {
    List<Long> out = new ArrayList<>();
    QueuedMessage m;
    while ((m = q.next()) != null) out.add(m.seq());
    return out;
  }

  static List<String> range(int first, int count) {
    List<String> out = new ArrayList<>();
    for (int i = first; i < first + count; i++) out.add("m" + i);
    return out;
  }

  /** The segment file names, oldest first. */
  String[] segments() {
    String[] names = dir.list((d, n) -> n.endsWith(QueueFormat.SEGMENT_SUFFIX));
    Arrays.sort(names);
    return names;
  }

  File segment(int index) {
    return new File(dir, segments()[index]);
  }

  static byte[] read(File f) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f, "r")) {
      byte[] b = new byte[(int) raf.length()];
      raf.readFully(b);
      return b;
    }
  }

  static void write(File f, byte[] content) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
      raf.setLength(0);
      raf.write(content);
    }
  }

  /** Offsets of the records in a segment file's bytes (parsing the frames, which must be intact). */
  static List<Integer> recordOffsets(byte[] segment) {
    List<Integer> out = new ArrayList<>();
    int at = QueueFormat.SEGMENT_HEADER_SIZE;
    while (at < segment.length) {
      out.add(at);
      int length = RecordCodec.bodyLength(segment, at);
      assertEquals(true, length > 0, "no intact frame at " + at);
      at += QueueFormat.FRAME_HEADER_SIZE + length;
    }
    return out;
  }
}
