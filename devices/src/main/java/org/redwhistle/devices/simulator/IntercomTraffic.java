package org.redwhistle.devices.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A unit door's video intercom (video_intercom): visitors call households, most calls are answered
 * and the household opens the door remotely; residents come and go by card or password (now and then
 * with a key); the door is rarely held open (more often briefly than past the two-minute alarm), very
 * rarely forced or tailgated. About 130 events an hour per door besides the heartbeats.
 */
final class IntercomTraffic implements KindTraffic {

    /** Chances a second, per door. */
    static final double CALL = 1 / 120.0;
    static final double RESIDENT = 1 / 45.0;
    static final double HELD = 1 / 14_400.0;
    static final double TAILGATING = 1 / 50_000.0;
    static final double FORCED = 1 / 200_000.0;

    @Override
    public List<Emission> second(Random random, SimulatedDevice.DeviceInfo door) {
        List<Emission> out = new ArrayList<>();
        if (random.nextDouble() < CALL) {
            String room = room(random, door);
            double r = random.nextDouble();
            String result = r < 0.75 ? "answered" : r < 0.93 ? "missed" : "rejected";
            var call = SimulatedDevice.fields().put("callId", "c-" + Long.toHexString(random.nextLong() & 0xffffffffL))
                    .put("room", room).put("result", result);
            if (result.equals("answered")) {
                call.put("durationS", 8 + random.nextInt(80));
            }
            out.add(new Emission("intercom.call", call, false));
            if (result.equals("answered") && random.nextDouble() < 0.8) {
                out.add(new Emission("intercom.door_opened", SimulatedDevice.fields().put("method", "remote").put("room", room), false));
            }
        }
        if (random.nextDouble() < RESIDENT) {
            double r = random.nextDouble();
            var opened = SimulatedDevice.fields().put("method", r < 0.7 ? "card" : r < 0.95 ? "password" : "key");
            if (r < 0.95) {
                opened.put("room", room(random, door));
            }
            if (r < 0.7) {
                opened.put("credentialId", "IC-" + (10_000 + random.nextInt(90_000)));
            }
            out.add(new Emission("intercom.door_opened", opened, false));
        }
        if (random.nextDouble() < HELD) {
            // propped open for a delivery or a move: half of them past the two-minute alarm
            out.add(new Emission("intercom.door_held", SimulatedDevice.fields().put("openSeconds", 60 + random.nextInt(300)), false));
        }
        if (random.nextDouble() < TAILGATING) {
            out.add(new Emission("intercom.tailgating", SimulatedDevice.fields().put("count", 2 + random.nextInt(2)), false));
        }
        if (random.nextDouble() < FORCED) {
            out.add(new Emission("intercom.forced", SimulatedDevice.fields(), false));
        }
        return out;
    }

    /** A household behind this door: building-unit-room, six floors of two flats ("3-2-302"). */
    static String room(Random random, SimulatedDevice.DeviceInfo door) {
        int floor = 1 + random.nextInt(6);
        return number(door.attributes().path("building").asText(), 1) + "-" + number(door.attributes().path("unit").asText(), 1)
                + "-" + floor + "0" + (1 + random.nextInt(2));
    }

    private static int number(String label, int fallback) {
        String digits = label.replaceAll("\\D+", "");
        return digits.isEmpty() ? fallback : Integer.parseInt(digits);
    }
}
