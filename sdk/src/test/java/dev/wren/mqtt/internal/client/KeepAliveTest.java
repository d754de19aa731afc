package dev.wren.mqtt.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wren.mqtt.MqttTimeoutException;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
  private static final long SECOND = 1_000_000_000L;
  private final KeepAlive keepAlive = new KeepAlive(10 * SECOND, 5 * SECOND, "broker:1883");

  @Test void waitsForTheRestOfTheIntervalSinceTheLastSend() throws Exception {
    assertEquals(7 * SECOND, keepAlive.next(103 * SECOND, 100 * SECOND));
  }

  @Test void pingIsDueWhenNothingWasSentForTheInterval() throws Exception {
    assertEquals(KeepAlive.PING_NOW, keepAlive.next(110 * SECOND, 100 * SECOND));
  }

  @Test void outstandingPingWaitsForTheTimeoutInsteadOfPingingAgain() throws Exception {
    keepAlive.pingSent(110 * SECOND);
    // Even far past the next interval, no second PINGREQ while the first is unanswered.
    assertEquals(2 * SECOND, keepAlive.next(113 * SECOND, 100 * SECOND));
  }

  @Test void unansweredPingDeclaresTheLinkDead() {
    keepAlive.pingSent(110 * SECOND);
    MqttTimeoutException e = assertThrows(MqttTimeoutException.class,
        () -> keepAlive.next(115 * SECOND, 110 * SECOND));
    assertTrue(e.getMessage().contains("no PINGRESP from broker:1883 within 5000 ms"), e.getMessage());
  }

  @Test void answeredPingRestartsTheIntervalFromTheLastSend() throws Exception {
    keepAlive.pingSent(110 * SECOND);
    keepAlive.pingResponse();
    assertEquals(9 * SECOND, keepAlive.next(111 * SECOND, 110 * SECOND));
  }

  @Test void zeroIntervalDisablesKeepAlive() throws Exception {
    KeepAlive off = new KeepAlive(0, 5 * SECOND, "broker:1883");
    assertEquals(-1, off.next(1_000 * SECOND, 0));
  }

  @Test void aWakeUpAfterTheDeviceSleptPingsAtOnce() throws Exception {
    // Sent at 100 s; 3 s awake since, but the device slept ten minutes in between.
    assertEquals(KeepAlive.PING_NOW, keepAlive.next(703 * SECOND, 100 * SECOND, 103 * SECOND));
  }

  @Test void aLongSleepWithAPingOutstandingCountsOnlyTheTimeAwake() throws Exception {
    keepAlive.pingSent(110 * SECOND);
    // Ten minutes asleep right after the PINGREQ: its answer could not be read meanwhile.
    assertEquals(3 * SECOND, keepAlive.next(712 * SECOND, 110 * SECOND, 112 * SECOND));
    assertThrows(MqttTimeoutException.class,
        () -> keepAlive.next(715 * SECOND, 110 * SECOND, 115 * SECOND));
  }

  @Test void anotherThreadClaimsAPingOnlyWhenNoneIsOutstanding() throws Exception {
    assertTrue(keepAlive.claimPing(110 * SECOND).send);
    assertFalse(keepAlive.claimPing(111 * SECOND).send, "one is outstanding");
    // The claimed ping is timed like the keep-alive's own.
    assertEquals(4 * SECOND, keepAlive.next(111 * SECOND, 100 * SECOND, 111 * SECOND));
    keepAlive.pingResponse();
    assertTrue(keepAlive.claimPing(120 * SECOND).send);
  }

  @Test void aClaimedPingTimesOutEvenWithKeepAliveOff() {
    KeepAlive off = new KeepAlive(0, 5 * SECOND, "broker:1883");
    assertTrue(off.claimPing(10 * SECOND).send);
    assertThrows(MqttTimeoutException.class, () -> off.next(15 * SECOND, 0, 15 * SECOND));
  }

  @Test void aWaiterSeesItsAnswerEvenWhenTheNextPingIsSentBeforeItWakes() throws Exception {
    KeepAlive.Claim claim = keepAlive.claimPing(110 * SECOND);
    // The answer comes and the I/O thread, finding a ping due after a sleep, sends the next one
    // before the waiting thread runs: the wait is for the first ping's answer, which came.
    keepAlive.pingResponse();
    keepAlive.pingSent(111 * SECOND);
    keepAlive.awaitResponse(claim);
    // The next ping's answer is its own.
    KeepAlive.Claim joined = keepAlive.claimPing(112 * SECOND);
    assertFalse(joined.send);
    keepAlive.linkClosed();
    assertThrows(MqttTimeoutException.class, () -> keepAlive.awaitResponse(joined));
  }
}
