package dev.wren.bench.jmh;

import dev.wren.mqtt.internal.codec.FixedHeader;
import dev.wren.mqtt.internal.codec.MalformedPacketException;
import dev.wren.mqtt.internal.codec.Mqtt311Decoder;
import dev.wren.mqtt.internal.codec.Mqtt311Encoder;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.Publish;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sdk's MQTT 3.1.1 codec on one QoS 1 PUBLISH, the way the client calls it per message.
 * Encode: the client builds a {@link Publish} from the queued message and
 * {@code Mqtt311Encoder.encode}s it into one array (OutboundFlow, PacketWriter). Decode: the client
 * offers the fixed header to {@code FixedHeader.parse} byte by byte until it is whole, reads the
 * body into an array of its own and decodes it (PacketReader). State per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  static final String TOPIC = "wren/bench/codec";
  /** The client's default {@code maxInboundPacketSize}. */
  static final int MAX_PACKET_SIZE = 1024 * 1024;

  @Param({"64", "4096"})
  public int payloadBytes;

  private byte[] payload;
  private byte[] wire;
  private int packetId;

  @Setup
  public void setup() {
    payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    wire = Mqtt311Encoder.encode(new Publish(TOPIC, payload, 1, false, false, 1));
  }

  @Benchmark
  public byte[] encodePublish() {
    packetId = packetId == 65535 ? 1 : packetId + 1;
    return Mqtt311Encoder.encode(new Publish(TOPIC, payload, 1, false, false, packetId));
  }

  @Benchmark
  public Packet decodePublish() throws MalformedPacketException {
    FixedHeader header = null;
    for (int available = 1; header == null; available++) {
      header = FixedHeader.parse(wire, 0, available, MAX_PACKET_SIZE);
    }
    int start = header.headerLength();
    byte[] body = Arrays.copyOfRange(wire, start, start + header.remainingLength());
    return Mqtt311Decoder.decode(header.typeAndFlags(), body, 0, body.length);
  }
}
