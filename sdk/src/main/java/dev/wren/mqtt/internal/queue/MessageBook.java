package dev.wren.mqtt.internal.queue;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a file queue knows about its messages besides the log: how many are live and their bytes,
 * the done (acknowledged or dropped) sequence numbers as ranges, the QoS 2 messages whose PUBREL was
 * sent, and where each message handed out and not yet acknowledged lies. Everything per message
 * here is bounded by what the client has in flight, not by what is queued. Not thread-safe: guarded
 * by the queue's lock.
 */
final class MessageBook {
  /** A message handed out by next() and not yet acknowledged. */
  static final class InFlight {
    final Segment segment;
    final long offset;
    final int size;
    final int qos;

    InFlight(Segment segment, long offset, int size, int qos) {
      this.segment = segment;
      this.offset = offset;
      this.size = size;
      this.qos = qos;
    }
  }

  private final LongRanges done;
  private final TreeSet<Long> pubrels;
  private final TreeMap<Long, InFlight> handedOut = new TreeMap<>();
  private long handedOutBytes;
  private int live;
  private long liveBytes;

  MessageBook(LongRanges done, TreeSet<Long> pubrels, Iterable<Segment> segments) {
    this.done = done;
    this.pubrels = pubrels;
    for (Segment s : segments) {
      live += s.live;
      liveBytes += s.liveBytes;
    }
  }

  int live() {
    return live;
  }

  long liveBytes() {
    return liveBytes;
  }

  int handedOutCount() {
    return handedOut.size();
  }

  long handedOutBytes() {
    return handedOutBytes;
  }

  /** A new message of {@code size} record bytes was written to {@code s}. */
  void added(Segment s, int size) {
    s.messages++;
    s.live++;
    s.liveBytes += size;
    live++;
    liveBytes += size;
  }

  boolean isDone(long seq) {
    return done.contains(seq);
  }

  boolean pubrelSent(long seq) {
    return pubrels.contains(seq);
  }

  /** Records the PUBREL step; false if it was recorded before. */
  boolean addPubrel(long seq) {
    return pubrels.add(seq);
  }

  /** Message {@code seq}, at {@code offset} of {@code s}, was handed out (maybe again). */
  void handedOut(long seq, Segment s, long offset, int size, int qos) {
    if (handedOut.containsKey(seq)) return;
    handedOut.put(seq, new InFlight(s, offset, size, qos));
    handedOutBytes += size;
  }

  InFlight inFlight(long seq) {
    return handedOut.get(seq);
  }

  /** The oldest message handed out and not yet acknowledged, or null. */
  Map.Entry<Long, InFlight> oldestInFlight() {
    return handedOut.firstEntry();
  }

  /** Retires handed-out message {@code seq}; returns where it was, or null if not handed out. */
  InFlight acknowledge(long seq) {
    InFlight f = handedOut.remove(seq);
    if (f == null) return null;
    handedOutBytes -= f.size;
    pubrels.remove(seq);
    markDone(f.segment, seq, f.size);
    return f;
  }

  /** Retires message {@code seq}, never handed out, of {@code size} bytes in {@code s}. */
  void drop(Segment s, long seq, int size) {
    pubrels.remove(seq);
    markDone(s, seq, size);
  }

  private void markDone(Segment s, long seq, int size) {
    done.add(seq);
    s.live--;
    s.liveBytes -= size;
    live--;
    liveBytes -= size;
  }

  /** Forgets the done numbers below {@code seq}: their segments are gone. */
  void forgetBelow(long seq) {
    done.removeBelow(seq);
  }

  /** A CHECKPOINT record of every done range and PUBREL step. */
  byte[] checkpoint() {
    long[] pending = new long[pubrels.size()];
    int i = 0;
    for (long p : pubrels) pending[i++] = p;
    return RecordCodec.checkpoint(done.toArray(), pending);
  }

  /** Entries held per message (handed out, PUBREL sent, done ranges), for tests. */
  int trackedEntries() {
    return handedOut.size() + pubrels.size() + done.rangeCount();
  }
}
