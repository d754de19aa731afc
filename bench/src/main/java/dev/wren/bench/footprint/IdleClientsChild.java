package dev.wren.bench.footprint;

import dev.wren.bench.Result;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM main: connects idle clients of one library and reports heap and threads at three
 * points: before any client ({@code base}), after one warm-up client that pays for class
 * initialisation and shared pools ({@code one}), and after {@code n} more ({@code all}).
 * Arguments: library key (or {@value #WREN_VIRTUAL}: Wren with a virtual-thread factory, JDK 21+),
 * n, broker URI, keep-alive seconds, and how long to wait before each measurement (milliseconds) so
 * that lazily started threads start and handshakes finish. Each point also reports the carrier
 * threads of virtual threads.
 */
public final class IdleClientsChild {
  static final String WREN_VIRTUAL = "Wren-virtual";
  private static final int CONNECTORS = 16;

  private IdleClientsChild() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    int n = Integer.parseInt(args[1]);
    String uri = args[2];
    int keepAlive = Integer.parseInt(args[3]);
    long settleMillis = Long.parseLong(args[4]);
    String prefix = "foot-" + library.toLowerCase() + "-" + ProcessHandle.current().pid() + "-";
    List<Object> clients = new ArrayList<>(n + 1);
    measure("base");
    clients.add(connect(library, uri, prefix + "warmup", keepAlive));
    Thread.sleep(settleMillis);
    measure("one");
    connectInParallel(clients, library, uri, prefix, n, keepAlive);
    Thread.sleep(settleMillis);
    measure("all");
    Reference.reachabilityFence(clients);
    ChildJvm.report("clients", clients.size());
    System.out.flush();
    System.exit(0); // no polite disconnects: 600 of them would only slow the run down
  }

  /**
   * Connects {@code n} clients from {@value #CONNECTORS} threads, which are gone before anything
   * is measured: Paho's blocking connect takes about 300 ms on loopback here, so one at a time
   * 200 of them would take a minute.
   */
  private static void connectInParallel(List<Object> clients, String library, String uri,
      String prefix, int n, int keepAlive) throws Exception {
    ExecutorService connectors = Executors.newFixedThreadPool(CONNECTORS);
    try {
      List<Future<Object>> connected = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String clientId = prefix + i;
        connected.add(connectors.submit(() -> connect(library, uri, clientId, keepAlive)));
      }
      for (Future<Object> f : connected) clients.add(f.get(60, TimeUnit.SECONDS));
    } finally {
      connectors.shutdownNow();
    }
    if (!connectors.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the connecting threads did not end within 10 s");
    }
  }

  private static void measure(String point) throws InterruptedException {
    ChildJvm.report(point + ".heap", HeapMeter.usedHeapAfterGc());
    ChildJvm.report(point + ".threads", HeapMeter.threads());
    ChildJvm.report(point + ".carriers", VirtualThreads.carriers());
  }

  static Object connect(String library, String uri, String clientId, int keepAlive)
      throws Exception {
    switch (library) {
      case Result.WREN: return WrenClients.connect(uri, clientId, keepAlive);
      case WREN_VIRTUAL:
        return WrenClients.connect(uri, clientId, keepAlive, VirtualThreads.factory("wren-io-" + clientId + "-"));
      case Result.PAHO: return PahoClients.connect(uri, clientId, keepAlive);
      case Result.HIVEMQ: return HiveMqClients.connect(uri, clientId, keepAlive);
      default: throw new IllegalArgumentException("unknown library: " + library);
    }
  }
}
