package dev.wren.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.Qos;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** -F and the JSON it prints, without a broker (MosquittoCompatTest compares with mosquitto). */
class SubFormatTest {
  private static String format(String f, Message m, int id) throws CliException {
    return new String(SubFormat.parse("-F", f).format(m, id, false, null),
        StandardCharsets.UTF_8);
  }

  @Test void fieldsFlagsAndQuirks() throws CliException {
    Message m = Message.builder().topic("a/b").payload("hello").qos(Qos.AT_LEAST_ONCE)
        .retain(true).build();
    assertEquals("a/b hello 1 1 7 5", format("%t %p %q %r %m %l", m, 7));
    assertEquals("[  a/b][a/b  ][a/][00005][5    ][00007][    7]", format("[%5t][%-5t][%.2t]"
        + "[%05l][%-05l][%05m][%5m]", m, 7));
    // a width halves what %x prints; %-p pads by the payload's length
    assertEquals("[      6865][hello     ]", format("[%10x][%-p]", m, 0));
    assertEquals("\u001b\t\\%@", format("\\e\\t\\\\%%@@", m, 0));
  }

  @Test void cjsonNumbersAndStrings() {
    assertEquals("12500", CJson.number(12.5e3));
    assertEquals("2.5", CJson.number(2.50));
    assertEquals("0.1", CJson.number(0.1));
    assertEquals("1e+20", CJson.number(1e20));
    assertEquals("1.5e-07", CJson.number(1.5e-7));
    assertEquals("3000000000", CJson.number(3e9));
    assertEquals("null", CJson.number(Double.NaN));
    assertEquals("{\"a\":[1,2.5,true,null,\"x\u00e9\"],\"b\":{}}", new String(CJson.reserialise(
        "{ \"a\" : [1, 2.50, true, null, \"x\\u00e9\"] , \"b\":{}}".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8));
    assertNull(CJson.reserialise("{\"a\":}".getBytes(StandardCharsets.UTF_8)));
    assertNull(CJson.reserialise("1 2".getBytes(StandardCharsets.UTF_8)));
    assertNull(CJson.reserialise(new byte[] {'1', 0}));
  }
}
