package dev.wren.mqtt;

/**
 * A queue directory is in use by another process or by another client in this process. One
 * directory serves one client at a time; the message names the directory and its lock file.
 */
public class QueueLockedException extends MqttException {
  private static final long serialVersionUID = 1L;

  public QueueLockedException(String message) {
    super(message);
  }

  public QueueLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
