package dev.wren.bench.driver;

import java.io.File;

/**
 * Connects clients of one library the way the harness measures them: clean session, keep-alive
 * 60 s, the library's own in-flight limit set to {@link #WINDOW} (where it has one), and the
 * outbound storage that {@link Persistence} names. Implementations hold no state and are
 * thread-safe.
 */
public interface Driver {
  /**
   * Messages published but not yet done (see {@link BenchClient.Done}) that the harness allows,
   * the same for every library; each library's own in-flight limit is set to this too.
   */
  int WINDOW = 100;

  /** The library's key in the report: one of the {@code dev.wren.bench.Result} library keys. */
  String library();

  /** Whether this library can keep its outbound messages as {@code persistence} asks. */
  boolean supports(Persistence persistence);

  /**
   * Connects a client and waits for the broker's CONNACK.
   *
   * @param dir an empty directory of this client's own for a file persistence; null for memory
   */
  BenchClient connect(String host, int port, String clientId, Persistence persistence, File dir)
      throws Exception;
}
