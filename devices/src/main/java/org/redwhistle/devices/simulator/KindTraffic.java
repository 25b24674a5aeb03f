package org.redwhistle.devices.simulator;

import java.util.List;
import java.util.Random;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one simulated device of a kind sends in one second of the simulation: pure (a random source
 * in, the events out), so a test can run a day of it and decode every event. The simulator publishes
 * each event, and the device's current view as a JPEG snapshot for the events that ask for one.
 */
interface KindTraffic {

    /** One event to send: its type and the fields beyond the envelope; {@code snapshot} sends the device's view with it. */
    record Emission(String type, ObjectNode fields, boolean snapshot) {
    }

    List<Emission> second(Random random, SimulatedDevice.DeviceInfo device);
}
