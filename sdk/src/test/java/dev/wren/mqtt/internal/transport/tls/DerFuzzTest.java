package dev.wren.mqtt.internal.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wren.mqtt.testing.AllocationBudget;

/**
 * Fuzzes the DER reader (corpus: DerFuzzTestInputs: PKCS#1, SEC1 and PKCS#8 keys) by walking the
 * whole element tree, and the key converters built on it. Holds for every input: elements or an
 * {@link IllegalArgumentException} (the reader's documented failure), nothing else; every element
 * lies within its parent; one in minimal DER form encodes back to the same bytes; the converters
 * fail only with IllegalArgumentException; no allocation grows with a claimed length.
 */
class DerFuzzTest {
  private static final long SLACK = 128 * 1024;

  private final AllocationBudget budget = new AllocationBudget();

  @FuzzTest
  void elementsOrIllegalArgument(byte[] input) throws Exception {
    budget.call(16L * input.length + SLACK, "Der.read", () -> {
      try {
        walk(Der.read(input, 0, input.length), input.length, 0);
      } catch (IllegalArgumentException expected) {
        // not DER, named
      }
      try {
        PrivateKeys.algorithm(PrivateKeys.rsaToPkcs8(input));
        PrivateKeys.algorithm(PrivateKeys.ecToPkcs8(input));
        PrivateKeys.algorithm(input);
      } catch (IllegalArgumentException expected) {
        // not such a key, named
      }
      return null;
    });
  }

  private static void walk(Der.Element e, int limit, int depth) {
    assertTrue(e.start < e.contentStart && e.contentStart <= e.end && e.end <= limit,
        "element " + e.start + ".." + e.end + " outside its parent ending at " + limit);
    assertEquals(e.end - e.start, e.encoded().length, "encoded length");
    int headerLength = e.contentStart - e.start;
    int minimal = e.contentLength < 0x80 ? 2 : 2 + (32 - Integer.numberOfLeadingZeros(
        e.contentLength) + 7) / 8;
    if (headerLength == minimal) {
      assertArrayEquals(e.encoded(), Der.write(e.tag, e.content()), "write(read(element))");
    }
    if (e.tag == Der.OID) Der.oidToString(e.content());
    if ((e.tag & 0x20) == 0 || e.contentLength == 0 || depth > 64) return;
    for (Der.Element child = e.first(); child != null; child = child.next(e)) {
      walk(child, e.end, depth + 1);
    }
  }
}
