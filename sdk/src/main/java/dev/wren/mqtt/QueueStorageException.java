package dev.wren.mqtt;

/**
 * A file queue could not read, write or sync its directory (disk full, I/O error, a segment
 * written by a newer version). The message names the directory or file and the operation; the
 * cause is the underlying {@link java.io.IOException}. Messages stored before the failure are
 * kept; the message says whether the queue still accepts new ones.
 */
public class QueueStorageException extends MqttException {
  private static final long serialVersionUID = 1L;

  public QueueStorageException(String message) {
    super(message);
  }

  public QueueStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
