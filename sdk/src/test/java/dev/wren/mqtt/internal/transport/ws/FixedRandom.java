package dev.wren.mqtt.internal.transport.ws;

import java.util.Random;

/** A Random whose every int is the same: frames get a known mask key. */
final class FixedRandom extends Random {
  private static final long serialVersionUID = 1L;
  private final int value;

  FixedRandom(int value) {
    this.value = value;
  }

  @Override protected int next(int bits) {
    return bits == 32 ? value : value >>> (32 - bits);
  }
}
