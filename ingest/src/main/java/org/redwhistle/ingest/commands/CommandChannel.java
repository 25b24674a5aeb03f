package org.redwhistle.ingest.commands;

/**
 * How {@link DeviceCommands} reaches devices: a port the commands feature owns, implemented by the
 * platform's MQTT connection. Commands thereby know nothing of MQTT sessions, and the connection
 * (which feeds the ingest pipeline, which reports acknowledgements back as
 * {@link CommandsAcknowledged}) is no longer part of a cycle.
 */
public interface CommandChannel {

    /** True while a command to this device can go out now (the connection to its broker is up). */
    boolean isOpen(String deviceId);

    /** Sends a command (its JSON) to the device at QoS 1 without waiting; a lost one times out. */
    void deliver(String deviceId, byte[] command);
}
