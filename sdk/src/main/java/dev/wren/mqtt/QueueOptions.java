package dev.wren.mqtt;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * Where a client keeps its QoS 1 and 2 messages until the broker acknowledges them, and how much it
 * may keep. Immutable; arguments are checked as they are set and the error names the bad value.
 *
 * <ul>
 *   <li>{@link #memory(int)}: on the heap; lost when the process ends.
 *   <li>{@link #files(File)}: an append-only log in a directory of its own, which survives restarts
 *       and is re-sent after one. Heap use does not grow with the number of queued messages. One
 *       client (one process) per directory; a second gets {@link QueueLockedException}.
 * </ul>
 *
 * <pre>{@code
 * QueueOptions queue = QueueOptions.files(new File("/var/lib/gateway/mqtt-queue"))
 *     .sync(SyncPolicy.BATCH)
 *     .maxBytes(256L * 1024 * 1024)
 *     .overflow(OverflowPolicy.DROP_OLDEST)
 *     .build();
 * }</pre>
 */
public final class QueueOptions {
  /** Default {@link #maxBytes()} of a file queue: 64 MiB. */
  public static final long DEFAULT_FILE_MAX_BYTES = 64L * 1024 * 1024;
  /** Default {@link #batchWindowMillis()}: 10 ms. */
  public static final long DEFAULT_BATCH_WINDOW_MILLIS = 10;

  private static final long MAX_BATCH_WINDOW_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final File directory;
  private final SyncPolicy sync;
  private final long batchWindowMillis;
  private final long maxBytes;
  private final int maxMessages;
  private final OverflowPolicy overflow;

  private QueueOptions(Builder b) {
    this.directory = b.directory;
    this.sync = b.sync;
    this.batchWindowMillis = b.batchWindowMillis;
    this.maxBytes = b.maxBytes;
    this.maxMessages = b.maxMessages;
    this.overflow = b.overflow;
  }

  /**
   * A queue on the heap holding at most {@code maxMessages} messages; a new message beyond that is
   * refused with {@link QueueFullException}.
   */
  public static QueueOptions memory(int maxMessages) {
    return memory(maxMessages, OverflowPolicy.REJECT_NEW);
  }

  /** A queue on the heap holding at most {@code maxMessages} messages, full as {@code overflow} says. */
  public static QueueOptions memory(int maxMessages, OverflowPolicy overflow) {
    return new Builder((File) null).maxMessages(maxMessages).overflow(overflow).build();
  }

  /**
   * Starts a file queue in {@code directory}, created if missing. Defaults: {@link SyncPolicy#BATCH}
   * with a 10 ms window, at most 64 MiB and no message limit, {@link OverflowPolicy#REJECT_NEW}.
   */
  public static Builder files(File directory) {
    if (directory == null) throw new NullPointerException("directory == null");
    return new Builder(directory);
  }

  /** A builder holding these options, to copy and change them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** True for a file queue, whose messages survive the process. */
  public boolean durable() {
    return directory != null;
  }

  /** The directory of a file queue, or null for a memory queue. */
  public File directory() {
    return directory;
  }

  /** The sync policy of a file queue; {@link SyncPolicy#NEVER} for a memory queue. */
  public SyncPolicy sync() {
    return sync;
  }

  /** How long {@link SyncPolicy#BATCH} lets a write wait for its sync, in milliseconds. */
  public long batchWindowMillis() {
    return batchWindowMillis;
  }

  /**
   * Bytes the unacknowledged messages may take, counted as their stored size: topic and payload
   * plus 22 bytes. {@link Long#MAX_VALUE} means no limit.
   */
  public long maxBytes() {
    return maxBytes;
  }

  /** Unacknowledged messages the queue may hold; {@link Integer#MAX_VALUE} means no limit. */
  public int maxMessages() {
    return maxMessages;
  }

  /** What a full queue does with a new message. */
  public OverflowPolicy overflow() {
    return overflow;
  }

  @Override public String toString() {
    StringBuilder s = new StringBuilder("QueueOptions{");
    if (directory != null) {
      s.append("files=").append(directory.getPath())
          .append(", sync=").append(sync);
      if (sync == SyncPolicy.BATCH) s.append(", batchWindow=").append(batchWindowMillis).append("ms");
    } else {
      s.append("memory");
    }
    s.append(", maxMessages=").append(maxMessages == Integer.MAX_VALUE ? "unlimited" : maxMessages)
        .append(", maxBytes=").append(maxBytes == Long.MAX_VALUE ? "unlimited" : maxBytes)
        .append(", overflow=").append(overflow)
        .append('}');
    return s.toString();
  }

  /**
   * Builds {@link QueueOptions}; start with {@link QueueOptions#files(File)} or
   * {@link QueueOptions#toBuilder()}. {@link #sync} and {@link #batchWindow} apply to file queues
   * only and refuse to be set on a memory queue.
   */
  public static final class Builder {
    private final File directory;
    private SyncPolicy sync;
    private long batchWindowMillis = DEFAULT_BATCH_WINDOW_MILLIS;
    private long maxBytes;
    private int maxMessages = Integer.MAX_VALUE;
    private OverflowPolicy overflow = OverflowPolicy.REJECT_NEW;

    private Builder(File directory) {
      this.directory = directory;
      this.sync = directory != null ? SyncPolicy.BATCH : SyncPolicy.NEVER;
      this.maxBytes = directory != null ? DEFAULT_FILE_MAX_BYTES : Long.MAX_VALUE;
    }

    private Builder(QueueOptions o) {
      this.directory = o.directory;
      this.sync = o.sync;
      this.batchWindowMillis = o.batchWindowMillis;
      this.maxBytes = o.maxBytes;
      this.maxMessages = o.maxMessages;
      this.overflow = o.overflow;
    }

    /** When the file queue syncs to stable storage (default {@link SyncPolicy#BATCH}). */
    public Builder sync(SyncPolicy sync) {
      if (sync == null) throw new NullPointerException("sync == null");
      requireFiles("sync");
      this.sync = sync;
      return this;
    }

    /**
     * How long {@link SyncPolicy#BATCH} may wait before it syncs what was written, 1 ms to 1 hour
     * (default 10 ms). A longer window means fewer syncs and more messages at risk on power loss.
     */
    public Builder batchWindow(long window, TimeUnit unit) {
      if (unit == null) throw new NullPointerException("unit == null");
      requireFiles("batchWindow");
      long millis = unit.toMillis(window);
      if (window <= 0 || millis < 1 || millis > MAX_BATCH_WINDOW_MILLIS) {
        throw new IllegalArgumentException(
            "batchWindow must be 1 ms to 1 hour: " + window + " " + unit);
      }
      this.batchWindowMillis = millis;
      return this;
    }

    /**
     * Bytes the unacknowledged messages may take, at least 1024 (default 64 MiB for files, no limit
     * for memory). The directory can hold up to about two segments (8 MiB) more, see
     * {@code docs/offline-queue.md}.
     */
    public Builder maxBytes(long bytes) {
      if (bytes < 1024) throw new IllegalArgumentException("maxBytes must be at least 1024: " + bytes);
      this.maxBytes = bytes;
      return this;
    }

    /** Unacknowledged messages the queue may hold, at least 1 (default: no limit for files). */
    public Builder maxMessages(int messages) {
      if (messages < 1) throw new IllegalArgumentException("maxMessages must be at least 1: " + messages);
      this.maxMessages = messages;
      return this;
    }

    /** What a full queue does with a new message (default {@link OverflowPolicy#REJECT_NEW}). */
    public Builder overflow(OverflowPolicy overflow) {
      if (overflow == null) throw new NullPointerException("overflow == null");
      this.overflow = overflow;
      return this;
    }

    public QueueOptions build() {
      return new QueueOptions(this);
    }

    private void requireFiles(String option) {
      if (directory == null) {
        throw new IllegalStateException(option + " applies to file queues; this is a memory queue");
      }
    }
  }
}
