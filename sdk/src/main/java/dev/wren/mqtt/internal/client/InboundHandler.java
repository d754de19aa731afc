package dev.wren.mqtt.internal.client;

import dev.wren.mqtt.Message;
import dev.wren.mqtt.MessageHandler;
import dev.wren.mqtt.MqttException;
import dev.wren.mqtt.MqttProtocolException;
import dev.wren.mqtt.Qos;
import dev.wren.mqtt.SubscribeFailedException;
import dev.wren.mqtt.internal.codec.Packet;
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

  InboundHandler(OutboundFlow outbound, SubscriptionBook book, MessageHandler defaultHandler,
      MessageAccess messages) {
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
      case PacketType.PUBACK:
        acknowledged(((PubAck) packet).packetId(), InFlight.Stage.AWAITING_PUBACK, "PUBACK");
        break;
      case PacketType.PUBREC: {
        int id = ((PubRec) packet).packetId();
        if (!outbound.received(id)) {
          Logger.warn("{} sent PUBREC for packet id {}, which awaits no PUBREC; answering PUBREL anyway", peer, id);
        }
        writer.gatherAck(PacketType.PUBREL, id);
        break;
      }
      case PacketType.PUBCOMP:
        acknowledged(((PubComp) packet).packetId(), InFlight.Stage.AWAITING_PUBCOMP, "PUBCOMP");
        break;
      case PacketType.PUBREL: {
        int id = ((PubRel) packet).packetId();
        inboundQos2.released(id);
        writer.gatherAck(PacketType.PUBCOMP, id);
        break;
      }
      case PacketType.SUBACK:
        onSubAck((SubAck) packet);
        break;
      case PacketType.UNSUBACK: {
        int id = ((UnsubAck) packet).packetId();
        answered(id, false, "UNSUBACK").completion.complete(null);
        break;
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
  private void acknowledged(int id, InFlight.Stage stage, String ack) throws IOException {
    if (!outbound.acknowledged(id, stage)) {
      Logger.warn("{} sent {} for packet id {}, which awaits no {}; ignored", peer, ack, id, ack);
    }
  }

  private void onPublish(PacketWriter writer, Publish publish) throws IOException {
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
      if (code == SubAck.FAILURE) {
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
      completion.fail(new SubscribeFailedException(refused, granted));
    }
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
    Message message = messages.inbound(publish.topic(), publish.payload(), Qos.of(publish.qos()),
        publish.retain(), publish.dup());
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
