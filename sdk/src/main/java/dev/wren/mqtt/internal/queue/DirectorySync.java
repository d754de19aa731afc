package dev.wren.mqtt.internal.queue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import org.tinylog.Logger;

/**
 * Syncs a directory (fsync on its file descriptor), which makes a file created in it durable.
 * {@code java.io} cannot open a directory; {@code FileChannel.open(Path, READ)} can, on Linux and
 * macOS, but java.nio.file is missing on Android before API 26 (and animal-sniffer keeps the SDK
 * to API 21), so it is looked up by reflection: where it exists it is used, elsewhere
 * {@link #available()} is false. Where a directory cannot be opened as a file (Windows, whose
 * NTFS journals directory changes itself) {@link #sync} says so with false and logs why at DEBUG.
 * Immutable, thread-safe.
 */
final class DirectorySync {
  /** The one per class loader: the lookup's result never changes. */
  static final DirectorySync PLATFORM = lookUp();

  private final Method pathsGet;
  private final Method channelOpen;
  private final Object readOptions;

  private DirectorySync(Method pathsGet, Method channelOpen, Object readOptions) {
    this.pathsGet = pathsGet;
    this.channelOpen = channelOpen;
    this.readOptions = readOptions;
  }

  private static DirectorySync lookUp() {
    try {
      Class<?> paths = Class.forName("java.nio.file.Paths");
      Class<?> path = Class.forName("java.nio.file.Path");
      Class<?> openOption = Class.forName("java.nio.file.OpenOption");
      Class<?> standard = Class.forName("java.nio.file.StandardOpenOption");
      Object options = Array.newInstance(openOption, 1);
      Array.set(options, 0, standard.getField("READ").get(null));
      return new DirectorySync(paths.getMethod("get", String.class, String[].class),
          FileChannel.class.getMethod("open", path, options.getClass()), options);
    } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException
        | IllegalAccessException e) {
      // Android before API 26: no java.nio.file. The caller says so once, at INFO.
      return new DirectorySync(null, null, null);
    }
  }

  boolean available() {
    return channelOpen != null;
  }

  /**
   * Syncs {@code directory}; false when this platform cannot open a directory to sync it.
   *
   * @throws IOException if the opened directory cannot be synced
   */
  boolean sync(File directory) throws IOException {
    if (!available()) return false;
    FileChannel channel;
    try {
      Object path = pathsGet.invoke(null, directory.getPath(), new String[0]);
      channel = (FileChannel) channelOpen.invoke(null, path, readOptions);
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof IOException)) {
        throw new IOException("cannot open directory " + directory + " to sync it: "
            + e.getCause(), e.getCause());
      }
      if (!directory.isDirectory()) throw (IOException) e.getCause();
      Logger.debug(e.getCause(), "Cannot open directory {} to sync it; this platform does not"
          + " allow it", directory);
      return false;
    } catch (IllegalAccessException e) {
      throw new IOException("cannot open directory " + directory + " to sync it: " + e, e);
    }
    try {
      channel.force(true);
    } finally {
      channel.close();
    }
    return true;
  }
}
