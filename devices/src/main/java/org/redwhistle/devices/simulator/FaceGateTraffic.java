package org.redwhistle.devices.simulator;

import java.util.List;
import java.util.Random;

/**
 * A face-recognition crossing (face_gate): someone passes every few seconds, mostly known residents
 * and workers, many strangers, and rarely someone on the device's watchlist (one of
 * {@link #WATCHLIST}). A watchlist hit always comes with the crossing's snapshot, a stranger now and
 * then; the device sends match results only, never a face template.
 */
final class FaceGateTraffic implements KindTraffic {

    /** The watchlist entry ids the simulated devices know (the police's face watchlist may name them). */
    static final List<String> WATCHLIST = List.of("WL-0001", "WL-0002", "WL-0003");
    /** Chances a second, per crossing, and of a passage being a watchlist hit. */
    static final double PASSAGE = 1 / 6.0;
    static final double WATCHLIST_HIT = 1 / 600.0;
    static final double STRANGER = 0.3;
    static final double STRANGER_SNAPSHOT = 1 / 20.0;

    @Override
    public List<Emission> second(Random random, SimulatedDevice.DeviceInfo crossing) {
        if (random.nextDouble() >= PASSAGE) {
            return List.of();
        }
        var f = SimulatedDevice.fields().put("direction", random.nextBoolean() ? "in" : "out");
        double r = random.nextDouble();
        if (r < WATCHLIST_HIT) {
            f.put("match", "watchlist").put("personId", WATCHLIST.get(random.nextInt(WATCHLIST.size())))
                    .put("confidence", round(0.86 + 0.12 * random.nextDouble()));
            return List.of(new Emission("face.passage", f, true));
        }
        if (r < WATCHLIST_HIT + STRANGER) {
            f.put("match", "stranger").put("confidence", round(0.2 + 0.4 * random.nextDouble()));
            return List.of(new Emission("face.passage", f, random.nextDouble() < STRANGER_SNAPSHOT));
        }
        f.put("match", "known").put("confidence", round(0.8 + 0.19 * random.nextDouble()));
        if (random.nextBoolean()) {
            f.put("personId", "P-" + (10_000 + random.nextInt(2_000)));
        }
        return List.of(new Emission("face.passage", f, false));
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
