package dev.wren.mqtt.internal.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;
import java.io.ByteArrayInputStream;
import java.io.EOFException;

/**
 * Fuzzes the parser of the upgrade's HTTP response head (corpus: HttpResponseHeadFuzzTestInputs).
 * Holds for every input: a head or {@link EOFException} or {@link WebSocketHandshakeException},
 * nothing else; a head ends at its blank line and reads not one byte after it; its status code
 * is three digits; a header's joined value is no longer than the head.
 */
class HttpResponseHeadFuzzTest {
  /** The limit WebSocketUpgrade gives (16 KiB): larger than libFuzzer's inputs (4 KiB). */
  private static final int MAX_HEAD = WebSocketUpgrade.MAX_RESPONSE_HEAD_BYTES;
  /** Strings, the exception; its message escapes up to 100 control characters with String.format. */
  private static final long SLACK = 512 * 1024;
  private static final long HOOK_SLACK = 4 * 1024 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void headOrHandshakeFailure(byte[] input) throws Exception {
    ByteArrayInputStream[] in = new ByteArrayInputStream[1];
    HttpResponseHead head;
    try {
      head = budget.call(16L * input.length + SLACK, "HttpResponseHead.read", () -> {
        in[0] = new ByteArrayInputStream(input);
        return HttpResponseHead.read(in[0], MAX_HEAD, "fuzz:80/mqtt");
      });
    } catch (EOFException | WebSocketHandshakeException expected) {
      return;
    }
    int consumed = input.length - in[0].available();
    assertTrue(consumed <= MAX_HEAD, "read " + consumed + " bytes, more than the limit");
    assertEquals('\n', input[consumed - 1], "the head ends with its blank line");
    int code = head.statusCode();
    assertTrue(code >= 0 && code <= 999, "status code " + code);
    // The lookups join repeated fields: linear in the head (a join once quadratic cost 13 MB for
    // a 16 KiB head). Jazzer's string-compare hooks allocate on this thread too (727 KB for a
    // 1,800-byte head whose lookups take 10 KB without them), hence the larger slack.
    budget.call(64L * consumed + HOOK_SLACK, "HttpResponseHead.header", () -> {
      for (String name : new String[] {"Upgrade", "Connection", "Sec-WebSocket-Accept",
          "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"}) {
        String value = head.header(name);
        assertTrue(value == null || value.length() <= consumed, name + " is longer than the head");
        head.headerHasToken(name, "websocket");
      }
      return null;
    });
  }
}
