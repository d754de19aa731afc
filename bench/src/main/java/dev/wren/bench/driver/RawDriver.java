package dev.wren.bench.driver;

import dev.wren.bench.Result;
import java.io.File;

/**
 * The ceiling: {@link RawClient}, plain sockets writing pre-encoded packets, with no queue, no
 * persistence and no per-message objects, so its numbers are what the broker and loopback allow.
 */
public final class RawDriver implements Driver {
  @Override public String library() {
    return Result.RAW;
  }

  @Override public boolean supports(Persistence persistence) {
    return persistence == Persistence.MEMORY;
  }

  @Override public BenchClient connect(String host, int port, String clientId,
      Persistence persistence, File dir) throws Exception {
    if (!supports(persistence)) throw new IllegalArgumentException("the raw client keeps nothing: " + persistence);
    return RawClient.connect(host, port, clientId);
  }
}
