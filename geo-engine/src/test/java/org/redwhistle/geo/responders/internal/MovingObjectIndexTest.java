package org.redwhistle.geo.responders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;

class MovingObjectIndexTest {

    private static Responder member(long id, double lon, double lat, ResponderRole role, ResponderState state) {
        return new Responder(id, "m" + id, role, state, lon, lat, Instant.EPOCH, List.of(1L, 2L));
    }

    @Test
    void vincentyMatchesTheTextbookGeodesic() {
        // Vincenty (1975)'s own example, Flinders Peak → Buninyong: 54 972.271 m on WGS-84
        assertThat(Ellipsoid.distanceM(144.42486788888888, -37.95103341666667, 143.92649552777778, -37.65282113888889))
                .isCloseTo(54_972.271, within(0.01));
        assertThat(Ellipsoid.distanceM(119.12, 36.70, 119.12, 36.70)).isZero();
    }

    @Test
    void nearestKEqualsABruteForceSearchOnRandomData() {
        Random rnd = new Random(42);
        MovingObjectIndex index = new MovingObjectIndex(0.01);
        List<Responder> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Responder r = member(i, 119.0 + rnd.nextDouble() * 0.4, 36.5 + rnd.nextDouble() * 0.4,
                    ResponderRole.values()[i % 3], ResponderState.values()[i % 3]);
            all.add(r);
            index.upsert(r);
        }
        for (int q = 0; q < 300; q++) {
            double lon = 118.95 + rnd.nextDouble() * 0.5;
            double lat = 36.45 + rnd.nextDouble() * 0.5;
            double radius = 200 + rnd.nextDouble() * 8000;
            int k = 1 + rnd.nextInt(8);
            List<Long> expected = all.stream().filter(r -> r.state() == ResponderState.AVAILABLE)
                    .filter(r -> Ellipsoid.distanceM(lon, lat, r.lon(), r.lat()) <= radius)
                    .sorted(Comparator.comparingDouble(r -> Ellipsoid.distanceM(lon, lat, r.lon(), r.lat())))
                    .limit(k).map(Responder::id).toList();
            List<Long> got = index.nearest(lon, lat, radius, k, r -> r.state() == ResponderState.AVAILABLE).stream()
                    .map(h -> h.responder().id()).toList();
            assertThat(got).as("query %d at %f,%f r=%f k=%d", q, lon, lat, radius, k).isEqualTo(expected);
        }
    }

    @Test
    void aMoveReplacesTheOldPlaceAndRemovalForgets() {
        MovingObjectIndex index = new MovingObjectIndex(0.01);
        index.upsert(member(1, 119.10, 36.70, ResponderRole.PATROL, ResponderState.AVAILABLE));
        index.upsert(member(1, 119.20, 36.70, ResponderRole.PATROL, ResponderState.AVAILABLE));
        assertThat(index.nearest(119.10, 36.70, 1000, 5, r -> true)).isEmpty();
        assertThat(index.nearest(119.20, 36.70, 1000, 5, r -> true)).extracting(h -> h.responder().id()).containsExactly(1L);
        // re-publishing an equal version (as a refresh from the database does) must not lose the member
        index.upsert(member(1, 119.20, 36.70, ResponderRole.PATROL, ResponderState.AVAILABLE));
        index.upsert(member(1, 119.20, 36.70, ResponderRole.PATROL, ResponderState.AVAILABLE));
        assertThat(index.nearest(119.20, 36.70, 1000, 5, r -> true)).extracting(h -> h.responder().id()).containsExactly(1L);
        index.remove(1);
        assertThat(index.nearest(119.20, 36.70, 1000, 5, r -> true)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void concurrentMovesNeverYieldDuplicatesOrMissingStationaryMembers() throws Exception {
        MovingObjectIndex index = new MovingObjectIndex(0.001);
        for (int i = 0; i < 200; i++) {
            index.upsert(member(i, 119.10 + (i % 20) * 0.0005, 36.70 + (i / 20) * 0.0005, ResponderRole.PATROL, ResponderState.AVAILABLE));
        }
        Responder fixed = member(999, 119.1051, 36.7021, ResponderRole.POLICE, ResponderState.AVAILABLE);
        index.upsert(fixed);
        AtomicBoolean stop = new AtomicBoolean();
        Thread mover = new Thread(() -> {
            Random rnd = new Random(7);
            while (!stop.get()) {
                int id = rnd.nextInt(200);
                index.upsert(member(id, 119.10 + rnd.nextDouble() * 0.01, 36.70 + rnd.nextDouble() * 0.005, ResponderRole.PATROL, ResponderState.AVAILABLE));
            }
        });
        mover.start();
        try {
            for (int q = 0; q < 5_000; q++) {
                var hits = index.nearest(119.105, 36.702, 2000, 250, r -> true);
                assertThat(new HashSet<>(hits.stream().map(h -> h.responder().id()).toList())).hasSize(hits.size());
                assertThat(hits).anyMatch(h -> h.responder().id() == 999);
            }
        } finally {
            stop.set(true);
            mover.join();
        }
    }
}
