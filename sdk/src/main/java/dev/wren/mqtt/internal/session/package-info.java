/**
 * Session state that outlives a single packet: packet identifiers in use, inbound QoS 2
 * de-duplication and the subscription table. No I/O; the client guards what is not thread-safe.
 */
package dev.wren.mqtt.internal.session;
