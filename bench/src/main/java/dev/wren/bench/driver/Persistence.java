package dev.wren.bench.driver;

/** Where a publisher keeps its QoS 1/2 messages until they are acknowledged. */
public enum Persistence {
  /** On the heap (Wren's memory queue, Paho's MemoryPersistence, HiveMQ's only mode). */
  MEMORY,
  /**
   * On disk, synced before publish returns: Wren's file queue with SyncPolicy.ALWAYS, Paho's
   * MqttDefaultFilePersistence (one file per message, each synced).
   */
  FILE_ALWAYS,
  /** On disk, synced by a group commit within 10 ms: Wren's file queue with SyncPolicy.BATCH. */
  FILE_BATCH
}
