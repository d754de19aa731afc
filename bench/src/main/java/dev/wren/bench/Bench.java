package dev.wren.bench;

/** Entry point of the comparison harness; the workloads are added by the bench issue (#4). */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) {
    System.out.println("wren-bench: no workloads yet");
  }
}
