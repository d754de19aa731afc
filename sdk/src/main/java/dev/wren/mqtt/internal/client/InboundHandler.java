package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.DisconnectedByBrokerException;
import dev.wren.mqtt.UnsubscribeFailedException;
import dev.wren.mqtt.internal.codec.Disconnect;
import dev.wren.mqtt.internal.codec.Mqtt5Properties;
import dev.wren.mqtt.internal.codec.Packet;
import dev.wren.mqtt.internal.codec.Property;
import dev.wren.mqtt.internal.codec.ReasonCode;
import dev.wren.mqtt.internal.codec.PacketType;
import dev.wren.mqtt.internal.codec.PubAck;
import dev.wren.mqtt.internal.codec.PubComp;
import dev.wren.mqtt.internal.codec.PubRec;
import dev.wren.mqtt.internal.codec.PubRel;
import dev.wren.mqtt.internal.codec.Publish;
import dev.wren.mqtt.internal.codec.SubAck;
import dev.wren.mqtt.internal.codec.UnsubAck;
import dev.wren.mqtt.internal.session.InboundQos2;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tinylog.Logger;

/**
 * What the client does with each packet the broker sends after CONNACK: completes deliveries and
 * requests, answers the QoS 1/2 flows and hands messages to the matching handlers. Answers are
 * gathered: {@link Link#run} flushes them once the packets already read are handled. Runs on the
 * I/O thread; the subscription table is the only part other threads touch.
 */
final class InboundHandler {
  private final OutboundFlow outbound;
  private final MessageHandler defaultHandler;
  private volatile String peer = "broker";
  private final SubscriptionBook book;
  private final InboundQos2 inboundQos2 = new InboundQos2();
  private final MessageAccess messages;
  /** MQTT 5: inbound QoS 2 messages allowed between PUBLISH and PUBREL; 0 under 3.1.1. */
  private final int receiveMaximum;
  /** MQTT 5: the broker's topic aliases on the current connection, by alias. */
  private final InboundAliases aliases;

  InboundHandler(OutboundFlow outbound, SubscriptionBook book, MessageHandler defaultHandler,
      MessageAccess messages) {
    this(outbound, book, defaultHandler, messages, 0, 0);
  }

  /**
   * @param receiveMaximum MQTT 5: the Receive Maximum this client announced, 0 under 3.1.1
   * @param aliasMaximum MQTT 5: the Topic Alias Maximum this client announced
   */
  InboundHandler(OutboundFlow outbound, SubscriptionBook book, MessageHandler defaultHandler,
      MessageAccess messages, int receiveMaximum, int aliasMaximum) {
    this.receiveMaximum = receiveMaximum;
    this.aliases = new InboundAliases(aliasMaximum);
    this.outbound = outbound;
    this.messages = messages;
    this.book = book;
    this.defaultHandler = defaultHandler;
  }

  /** The broker kept no session: QoS 2 identifiers it had sent us mean nothing any more. */
  void sessionReset() {
    inboundQos2.clear();
  }

  /** Handles packets for {@code link}, answering on its writer. */
  Link.PacketHandler bind(final Link link, String server) {
    this.peer = server;
    // Aliases live as long as one network connection [MQTT-3.3.2-7].
    aliases.reset();
    return new Link.PacketHandler() {
      @Override public void onPacket(Packet packet) throws IOException, MqttException {
        handle(link.writer(), packet);
      }
    };
  }

  private void handle(PacketWriter writer, Packet packet) throws IOException, MqttException {
    switch (packet.type()) {
      case PacketType.PUBLISH:
        onPublish(writer, (Publish) packet);
        break;
      case PacketType.PUBACK: {
        PubAck ack = (PubAck) packet;
        acknowledged(ack.packetId(), InFlight.Stage.AWAITING_PUBACK, "PUBACK", ack.reasonCode(),
            ack.properties());
        break;
      }
      case PacketType.PUBREC: {
        PubRec rec = (PubRec) packet;
        int id = rec.packetId();
        if (ReasonCode.isFailure(rec.reasonCode())) {
          // The broker refused the message: the flow ends here, with no PUBREL [MQTT-4.3.3].
          acknowledged(id, InFlight.Stage.AWAITING_PUBREC, "PUBREC", rec.reasonCode(),
              rec.properties());
          break;
        }
        if (!outbound.received(id)) {
          Logger.warn("{} sent PUBREC for packet id {}, which awaits no PUBREC; answering PUBREL anyway", peer, id);
        }
        writer.gatherAck(PacketType.PUBREL, id);
        break;
      }
      case PacketType.PUBCOMP: {
        PubComp comp = (PubComp) packet;
        if (comp.reasonCode() != 0) {
          // Only 0x92 is allowed: the broker had forgotten the PUBREL's identifier. It accepted
          // the message at PUBREC, so the message is delivered; the code is only logged.
          Logger.warn("{} answered PUBREL {} with PUBCOMP reason code {} ({}); the message was"
              + " accepted at PUBREC", peer, comp.packetId(),
              String.format("0x%02X", comp.reasonCode()), ReasonCode.name(comp.reasonCode()));
        }
        acknowledged(comp.packetId(), InFlight.Stage.AWAITING_PUBCOMP, "PUBCOMP", 0,
            Mqtt5Properties.EMPTY);
        break;
      }
      case PacketType.PUBREL: {
        int id = ((PubRel) packet).packetId();
        inboundQos2.released(id);
        writer.gatherAck(PacketType.PUBCOMP, id);
        break;
      }
      case PacketType.SUBACK:
        onSubAck((SubAck) packet);
        break;
      case PacketType.UNSUBACK:
        onUnsubAck((UnsubAck) packet);
        break;
      case PacketType.DISCONNECT: {
        Disconnect d = (Disconnect) packet;
        throw new DisconnectedByBrokerException(peer, d.reasonCode(),
            d.properties().string(Property.REASON_STRING),
            d.properties().string(Property.SERVER_REFERENCE));
      }
      case PacketType.CONNACK:
        throw new MqttProtocolException("broker at " + peer + " sent a second CONNACK; a broker"
            + " sends exactly one, in answer to CONNECT", null);
      default:
        throw new MqttProtocolException("broker at " + peer + " sent "
            + PacketType.name(packet.type()) + ", which a broker must not send to a client", null);
    }
  }

  /**
   * The request a SUBACK or UNSUBACK answers. The client never sends SUBSCRIBE or UNSUBSCRIBE
   * again (a new connection starts with none outstanding), so an identifier it is not waiting for
   * can only be a broken broker; waiting on would only let the real request time out.
   */
  private PendingRequest answered(int id, boolean subscribe, String ack)
      throws MqttProtocolException {
    PendingRequest request = outbound.answered(id, subscribe);
    if (request == null) {
      throw new MqttProtocolException("broker at " + peer + " sent " + ack + " for packet id "
          + id + ", but no " + (subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE") + " with that id awaits"
          + " an answer on this connection; a broker must answer only what it was sent", null);
    }
    return request;
  }

  /**
   * Unknown identifiers in PUBACK, PUBREC and PUBCOMP are logged, not fatal, unlike in SUBACK:
   * MQTT 3.1.1 (4.4) makes both sides re-send unacknowledged PUBLISH and PUBREL after a
   * reconnect, so an acknowledgement can answer a copy whose message is already complete, and
   * MQTT 5 names the case (reason code 0x92, packet identifier not found) instead of making it an
   * error. Ignoring one loses nothing: the message stays in the queue until its own
   * acknowledgement. A PUBREC is still answered with PUBREL, so the broker can let go of the id.
   */
  private void acknowledged(int id, InFlight.Stage stage, String ack, int code,
      Mqtt5Properties properties) throws IOException {
    Deliveries.Answered answer = code == 0 ? null
        : new Deliveries.Answered(ack, code, properties.string(Property.REASON_STRING));
    if (!outbound.acknowledged(id, stage, answer)) {
      Logger.warn("{} sent {} for packet id {}, which awaits no {}; ignored", peer, ack, id, ack);
    }
  }

  private void onPublish(PacketWriter writer, Publish publish)
      throws IOException, MqttProtocolException {
    publish = aliases.resolve(publish, peer);
    if (receiveMaximum > 0 && publish.qos() == 2 && inboundQos2.size() >= receiveMaximum
        && !publish.dup()) {
      throw new MqttProtocolException("broker at " + peer + " sent a QoS 2 PUBLISH (packet id "
          + publish.packetId() + ") while " + inboundQos2.size() + " others await PUBREL, beyond"
          + " the Receive Maximum of " + receiveMaximum + " this client announced", null,
          ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
    }
    switch (publish.qos()) {
      case 0:
        dispatch(writer, publish);
        break;
      case 1:
        dispatch(writer, publish);
        writer.gatherAck(PacketType.PUBACK, publish.packetId());
        break;
      default:
        if (inboundQos2.firstTime(publish.packetId())) {
          dispatch(writer, publish);
        } else {
          Logger.debug("{} re-sent QoS 2 packet id {} before PUBREL; not delivered twice",
              peer, publish.packetId());
        }
        writer.gatherAck(PacketType.PUBREC, publish.packetId());
    }
  }

  @SuppressWarnings("unchecked")
  private void onSubAck(SubAck subAck) throws MqttProtocolException {
    PendingRequest request = answered(subAck.packetId(), true, "SUBACK");
    List<Integer> codes = subAck.returnCodes();
    if (codes.size() != request.filters.size()) {
      throw new MqttProtocolException("broker at " + peer + " answered a SUBSCRIBE of "
          + request.filters.size() + " filters with " + codes.size() + " return codes", null);
    }
    List<Qos> granted = new ArrayList<>(codes.size());
    List<String> refused = new ArrayList<>(0);
    for (int i = 0; i < codes.size(); i++) {
      int code = codes.get(i);
      if (code >= SubAck.FAILURE) {
        granted.add(null);
        refused.add(request.filters.get(i));
        book.remove(Collections.singletonList(request.filters.get(i)));
      } else {
        granted.add(Qos.of(code));
      }
    }
    CompletionImpl<List<Qos>> completion = (CompletionImpl<List<Qos>>) request.completion;
    if (refused.isEmpty()) {
      completion.complete(Collections.unmodifiableList(granted));
    } else {
      completion.fail(new SubscribeFailedException(refused, granted, codes,
          subAck.properties().string(Property.REASON_STRING)));
    }
  }

  @SuppressWarnings("unchecked")
  private void onUnsubAck(UnsubAck unsubAck) throws MqttProtocolException {
    PendingRequest request = answered(unsubAck.packetId(), false, "UNSUBACK");
    List<Integer> codes = unsubAck.reasonCodes();
    CompletionImpl<Void> completion = (CompletionImpl<Void>) request.completion;
    // 3.1.1 carries no codes; 5.0 one per filter.
    if (codes.isEmpty()) {
      completion.complete(null);
      return;
    }
    if (codes.size() != request.filters.size()) {
      throw new MqttProtocolException("broker at " + peer + " answered an UNSUBSCRIBE of "
          + request.filters.size() + " filters with " + codes.size() + " reason codes", null);
    }
    for (int code : codes) {
      if (ReasonCode.isFailure(code)) {
        completion.fail(new UnsubscribeFailedException(request.filters, codes,
            unsubAck.properties().string(Property.REASON_STRING)));
        return;
      }
    }
    completion.complete(null);
  }

  /** Hands {@code publish} to the application, which may take its time: the writer is told. */
  private void dispatch(PacketWriter writer, Publish publish) {
    writer.ioThreadCallsOut();
    try {
      dispatch(publish);
    } finally {
      writer.ioThreadBusy();
    }
  }

  private void dispatch(Publish publish) {
    // The decoder made the payload array for this packet alone: the message adopts it.
    Mqtt5Properties p = publish.properties();
    Message message = p.isEmpty()
        ? messages.inbound(publish.topic(), publish.payload(), Qos.of(publish.qos()),
            publish.retain(), publish.dup())
        : messages.inbound(publish.topic(), publish.payload(), Qos.of(publish.qos()),
            publish.retain(), publish.dup(),
            p.longValue(Property.MESSAGE_EXPIRY_INTERVAL, 0) * 1000,
            p.string(Property.CONTENT_TYPE), p.string(Property.RESPONSE_TOPIC),
            p.binary(Property.CORRELATION_DATA),
            p.intValue(Property.PAYLOAD_FORMAT_INDICATOR, 0) == 1,
            Mqtt5Fields.userProperties(p), p.subscriptionIdentifiers());
    if (Logger.isTraceEnabled()) Logger.trace("message {} payload {}", message, message.payloadAsString());
    List<MessageHandler> handlers = book.match(message.topic());
    if (handlers.isEmpty()) {
      if (defaultHandler == null) {
        if (message.qos() == Qos.AT_MOST_ONCE) {
          Logger.debug("no handler for {}; dropped", message);
        } else {
          // Typically a persistent session delivering before subscribe(): the broker will not resend.
          Logger.warn("no handler for {}; acknowledged and dropped. Set MqttOptions.defaultHandler"
              + " to receive what a persistent session delivers before subscribe()", message);
        }
        return;
      }
      handlers = Collections.singletonList(defaultHandler);
    }
    // By index: an iterator per message is garbage the I/O thread need not make.
    for (int i = 0, n = handlers.size(); i < n; i++) {
      MessageHandler handler = handlers.get(i);
      try {
        handler.onMessage(message);
      } catch (Exception e) {
        // Exception, not RuntimeException: Kotlin and @SneakyThrows handlers throw checked ones.
        Logger.error(e, "message handler threw on {}; the message is acknowledged anyway", message);
      }
    }
  }
}
