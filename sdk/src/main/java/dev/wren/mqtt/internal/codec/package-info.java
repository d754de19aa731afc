/**
 * The MQTT wire format: packets as immutable values, and pure functions between them and bytes.
 *
 * <p>Nothing here does I/O, keeps state or starts threads: {@link
 * dev.wren.mqtt.internal.codec.FixedHeader#parse} tells a streaming reader how many bytes the next
 * packet needs (and refuses oversized ones before anything is allocated), {@link
 * dev.wren.mqtt.internal.codec.Mqtt311Decoder} turns a complete body into a {@link
 * dev.wren.mqtt.internal.codec.Packet}, and {@link dev.wren.mqtt.internal.codec.Mqtt311Encoder}
 * turns a packet into an exactly sized byte array. {@link
 * dev.wren.mqtt.internal.codec.MqttStrings} and {@link dev.wren.mqtt.internal.codec.Topics} hold
 * the string and topic rules that the public API also checks its arguments against.
 *
 * <p>Both MQTT 3.1.1 and 5.0: the packet values are version-neutral, 5.0's properties ({@link
 * dev.wren.mqtt.internal.codec.Mqtt5Properties}) and reason codes ({@link
 * dev.wren.mqtt.internal.codec.ReasonCode}) being extra fields that are empty or 0 under 3.1.1.
 * {@link dev.wren.mqtt.internal.codec.PacketCodec#MQTT_3_1_1} and {@link
 * dev.wren.mqtt.internal.codec.PacketCodec#MQTT_5_0} are the two wire formats, chosen once per
 * connection; the 3.1.1 encoder refuses a packet that carries 5.0 content rather than drop it.
 */
package dev.wren.mqtt.internal.codec;
