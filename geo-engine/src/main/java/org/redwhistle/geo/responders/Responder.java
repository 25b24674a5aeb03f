package org.redwhistle.geo.responders;

import java.time.Instant;
import java.util.List;

/**
 * A responder's live state: where (WGS-84) and when last seen, role, duty state, and the area path
 * (ids of the member's area and its ancestors) that scoping matches against. Immutable: a move or a
 * state change replaces it.
 */
public record Responder(long id, String name, ResponderRole role, ResponderState state, double lon, double lat, Instant at,
        List<Long> areaPath) {

    public Responder {
        areaPath = List.copyOf(areaPath);
    }

    public Responder movedTo(double newLon, double newLat, Instant when) {
        return new Responder(id, name, role, state, newLon, newLat, when, areaPath);
    }

    public Responder withState(ResponderState newState) {
        return new Responder(id, name, role, newState, lon, lat, at, areaPath);
    }
}
