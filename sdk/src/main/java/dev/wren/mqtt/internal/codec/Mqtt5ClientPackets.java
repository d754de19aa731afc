package dev.wren.mqtt.internal.codec;

import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_CLEAN_SESSION;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_PASSWORD;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_USERNAME;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_WILL;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_FLAG_WILL_RETAIN;
import static dev.wren.mqtt.internal.codec.PacketType.CONNECT_WILL_QOS_SHIFT;

import java.util.ArrayList;
import java.util.List;

/**
 * The 5.0 packets only a client sends, CONNECT, SUBSCRIBE and UNSUBSCRIBE, decoded for
 * {@link Mqtt5Decoder} (the tests' fake broker reads them). Holds no state.
 */
final class Mqtt5ClientPackets {
  /** "$share/{group}/{filter}": No Local is a Protocol Error on these [MQTT-3.8.3-4]. */
  private static final String SHARED_PREFIX = "$share/";

  private Mqtt5ClientPackets() {}

  static Connect connect(BodyReader in) throws MalformedPacketException {
    int flags = Mqtt311Decoder.connectFlags(in, PacketType.PROTOCOL_LEVEL_5);
    boolean hasWill = (flags & CONNECT_FLAG_WILL) != 0;
    int willQos = (flags >> CONNECT_WILL_QOS_SHIFT) & 3;
    boolean willRetain = (flags & CONNECT_FLAG_WILL_RETAIN) != 0;
    // Unlike 3.1.1, 5.0 allows a password without a user name (spec 3.1.2.9).
    int keepAlive = in.readUnsignedShort("keep alive");
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, PacketType.CONNECT);
    String clientId = in.readString("client identifier");
    Connect.Will will = null;
    if (hasWill) {
      Mqtt5Properties willProperties = Mqtt5PropertyReader.readWill(in);
      String willTopic = in.readString("will topic");
      Mqtt311Decoder.validateName("CONNECT will topic", willTopic);
      will = new Connect.Will(willTopic, in.readBinary("will payload"), willQos, willRetain,
          willProperties);
    }
    String username = (flags & CONNECT_FLAG_USERNAME) != 0 ? in.readString("user name") : null;
    byte[] password = (flags & CONNECT_FLAG_PASSWORD) != 0 ? in.readBinary("password") : null;
    in.requireEnd("the payload");
    return new Connect(PacketType.PROTOCOL_LEVEL_5, clientId,
        (flags & CONNECT_FLAG_CLEAN_SESSION) != 0, keepAlive, username, password, will,
        properties);
  }

  static Subscribe subscribe(BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, PacketType.SUBSCRIBE);
    if (!in.hasRemaining()) {
      throw new MalformedPacketException("SUBSCRIBE must contain at least one topic filter:"
          + " none after the properties");
    }
    List<Subscribe.Entry> entries = new ArrayList<>();
    while (in.hasRemaining()) {
      String filter = in.readString("topic filter");
      Mqtt311Decoder.validateFilter("SUBSCRIBE", filter);
      int options = in.readByte("subscription options");
      if ((options & Subscribe.Entry.RESERVED) != 0) {
        throw new MalformedPacketException("SUBSCRIBE subscription options bits 7-6 are reserved"
            + " and must be 0: " + Bytes.hex(options) + " for \"" + filter + "\"");
      }
      if ((options & 3) == 3) {
        throw new MalformedPacketException("SUBSCRIBE maximum QoS must be 0, 1 or 2: 3 in"
            + " options " + Bytes.hex(options) + " for \"" + filter + "\"");
      }
      if ((options >> Subscribe.Entry.RETAIN_HANDLING_SHIFT & 3) == 3) {
        throw new MalformedPacketException("SUBSCRIBE Retain Handling must be 0, 1 or 2: 3 in"
            + " options " + Bytes.hex(options) + " for \"" + filter + "\"");
      }
      if ((options & Subscribe.Entry.NO_LOCAL) != 0 && filter.startsWith(SHARED_PREFIX)) {
        throw new MalformedPacketException("SUBSCRIBE No Local must be 0 on a shared"
            + " subscription: options " + Bytes.hex(options) + " for \"" + filter + "\"");
      }
      entries.add(new Subscribe.Entry(filter, options));
    }
    return new Subscribe(packetId, entries, properties);
  }

  static Unsubscribe unsubscribe(BodyReader in) throws MalformedPacketException {
    int packetId = in.readPacketId();
    Mqtt5Properties properties = Mqtt5PropertyReader.read(in, PacketType.UNSUBSCRIBE);
    if (!in.hasRemaining()) {
      throw new MalformedPacketException("UNSUBSCRIBE must contain at least one topic filter:"
          + " none after the properties");
    }
    List<String> filters = new ArrayList<>();
    while (in.hasRemaining()) {
      String filter = in.readString("topic filter");
      Mqtt311Decoder.validateFilter("UNSUBSCRIBE", filter);
      filters.add(filter);
    }
    return new Unsubscribe(packetId, filters, properties);
  }
}
