package dev.wren.bench.footprint;

/**
 * Child JVM main for the cold start: connects with one library, publishes one QoS 1 message,
 * prints {@value #ACKED} once the broker acknowledged it, and exits. Names only the JDK and the
 * per-library classes, so it runs on a class path of that library's jars alone (see
 * {@link ColdStart}). Arguments: library key, broker URI.
 */
public final class ColdStartChild {
  static final String ACKED = "acked";

  private ColdStartChild() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    String uri = args[1];
    String clientId = "cold-" + library.toLowerCase() + "-" + ProcessHandle.current().pid();
    byte[] payload = new byte[64];
    // String literals, not Result's constants: Result is not on this child's class path.
    switch (library) {
      case "Wren": WrenClients.publishOneQos1(uri, clientId, payload); break;
      case "Paho": PahoClients.publishOneQos1(uri, clientId, payload); break;
      case "HiveMQ": HiveMqClients.publishOneQos1(uri, clientId, payload); break;
      default: throw new IllegalArgumentException("unknown library: " + library);
    }
    System.out.println(ACKED);
    System.out.flush();
    System.exit(0);
  }
}
