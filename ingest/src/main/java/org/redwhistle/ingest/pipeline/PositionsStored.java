package org.redwhistle.ingest.pipeline;

import java.time.OffsetDateTime;
import java.util.List;

/** Published after a batch committed: the patrol-terminal positions it stored (WGS-84). */
public record PositionsStored(List<Position> positions) {

    /** One position fix. */
    public record Position(String deviceId, OffsetDateTime ts, double lon, double lat, Float speedMps, Float headingDeg,
            Float battery) {
    }
}
