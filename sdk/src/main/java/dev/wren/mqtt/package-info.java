/**
 * Wren MQTT: a small, blocking-I/O MQTT 3.1.1 client with one I/O thread per client.
 *
 * <p>Start with {@link dev.wren.mqtt.MqttOptions#builder()} and {@link dev.wren.mqtt.MqttClient}.
 * Every parameter and return value in this package is non-null unless its documentation says
 * otherwise. Everything under {@code dev.wren.mqtt.internal} is implementation and may change
 * without notice.
 */
package dev.wren.mqtt;
