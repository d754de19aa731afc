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
 * <p>MQTT 5.0 later: the packet values stay version-neutral. 5.0 adds properties and reason codes
 * as extra fields on the same classes (absent or defaulted under 3.1.1) rather than new types,
 * and a {@code Mqtt5Encoder} and {@code Mqtt5Decoder} sit beside {@code Mqtt311Encoder} and
 * {@code Mqtt311Decoder}, chosen once per connection from the negotiated protocol level.
 * {@code FixedHeader}, {@code MqttStrings} and {@code Topics} are the same in both versions.
 */
package dev.wren.mqtt.internal.codec;
