package org.redwhistle.ingest.pipeline.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.pipeline.PositionToleranceProperties;
import org.redwhistle.ingest.pipeline.ReportedElsewhere;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sorts a batch, message by message, into what to write: over the rate limit → kept or counted;
 * disabled device → rejected; decode and validate; an event placed where its device may be (see
 * {@link Whereabouts}) and in its grid; a fix only inside its device's area; the rest by kind.
 * Reads only memory (the grid index, the areas' shapes) once the devices are known.
 */
@Component
public class BatchSorter {

    private static final Logger log = LoggerFactory.getLogger(BatchSorter.class);

    private final GridLocator grids;
    private final PositionToleranceProperties tolerances;

    public BatchSorter(GridLocator grids, PositionToleranceProperties tolerances) {
        this.grids = grids;
        this.tolerances = tolerances;
    }

    public SortedBatch sort(MessageDecoder decoder, DeviceRateLimiter limiter, List<Taken> batch, Instant now) {
        SortedBatch b = new SortedBatch();
        for (Taken t : batch) {
            InboundMessage m = t.message();
            if (t.topic().isEmpty()) {
                b.rejected.add(new IngestWriter.DeadLetter(m.topic(), null, "topic is not a device topic of the contract", m.payload(), m.receivedAt()));
                continue;
            }
            String id = t.topic().get().deviceId();
            if (t.admission() != DeviceRateLimiter.Admission.ADMITTED) {
                b.rateLimited++;
                if (t.admission() == DeviceRateLimiter.Admission.EXCESS_KEPT) {
                    b.excessKept.add(new IngestWriter.DeadLetter(m.topic(), id, limiter.excessReason(t.device().orElseThrow().kind()),
                            m.payload(), m.receivedAt()));
                }
                continue;
            }
            Decoded d = t.device().filter(r -> r.state() == DeviceState.DISABLED).isPresent()
                    ? new Decoded.Rejected(id, "device is disabled")
                    : decoder.decode(t.topic().get(), t.device(), m.payload(), now);
            if (d instanceof Decoded.Event e) {
                event(b, m, t.device().orElseThrow(), e);
            } else if (d instanceof Decoded.Position p) {
                position(b, m, t.device().orElseThrow(), p);
            } else if (d instanceof Decoded.Status s) {
                b.statuses.put(s.deviceId(), s.online());
            } else if (d instanceof Decoded.CommandAck a) {
                b.acks.add(a);
                b.seen.add(a.deviceId());
            } else if (d instanceof Decoded.Ignored i) {
                b.seen.add(i.deviceId());
            } else if (d instanceof Decoded.Rejected r) {
                reject(b, m, r.deviceId(), r.reason());
            }
        }
        return b;
    }

    private void event(SortedBatch b, InboundMessage m, RegisteredDevice r, Decoded.Event e) {
        if (!b.eventKeys.add(IngestWriter.key(e.deviceId(), e.msgId()))) {
            b.repeats++; // the same msgId twice in one batch (whatever its ts): the first one stands
            return;
        }
        boolean inArea = e.lon() != null && grids.covers(r.permittedAreaId(), e.lon(), e.lat());
        Whereabouts.Placement placement = Whereabouts.place(r, e.lon(), e.lat(), inArea, tolerances.metres(r.kind()));
        if (placement instanceof Whereabouts.OutsideArea o) {
            reject(b, m, e.deviceId(), Whereabouts.outsideReason(o.lon(), o.lat(), areaName(r)));
            return;
        }
        double lon;
        double lat;
        Optional<ReportedElsewhere> elsewhere;
        if (placement instanceof Whereabouts.Relocated rl) {
            lon = rl.lon();
            lat = rl.lat();
            elsewhere = Optional.of(rl.reported());
        } else {
            Whereabouts.Placed p = (Whereabouts.Placed) placement;
            lon = p.lon();
            lat = p.lat();
            elsewhere = Optional.empty();
        }
        Optional<GridChain> grid = grids.locate(lon, lat);
        b.rows.add(new IngestWriter.EventRow(e, lon, lat, grid.map(g -> g.grid().id()).orElse(null),
                new String(m.payload(), StandardCharsets.UTF_8), elsewhere.orElse(null)));
        b.candidates.add(new StoredEvent(e.deviceId(), r.kind(), e.msgId(), e.type(), e.ts(), lon, lat, grid, e.payload(), elsewhere));
        b.seen.add(e.deviceId());
    }

    private void position(SortedBatch b, InboundMessage m, RegisteredDevice r, Decoded.Position p) {
        if (!grids.covers(r.permittedAreaId(), p.lon(), p.lat())) {
            reject(b, m, p.deviceId(), Whereabouts.outsideReason(p.lon(), p.lat(), areaName(r)));
            return;
        }
        b.positions.add(p);
        b.seen.add(p.deviceId());
    }

    private static void reject(SortedBatch b, InboundMessage m, String deviceId, String reason) {
        b.rejected.add(new IngestWriter.DeadLetter(m.topic(), deviceId, reason, m.payload(), m.receivedAt()));
        log.warn("dead-lettered message: topic={} device={} reason=\"{}\"", m.topic(), deviceId, reason);
    }

    /** The name of the area a device may report from, for reasons people read. */
    private String areaName(RegisteredDevice r) {
        return grids.chainOf(r.permittedAreaId()).stream().findFirst().map(AreaRef::name).orElse("area " + r.permittedAreaId());
    }
}
