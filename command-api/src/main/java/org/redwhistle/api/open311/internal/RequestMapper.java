package org.redwhistle.api.open311.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

/**
 * A case as an Open311 service request: {@code status} open or closed with our finer state in
 * {@code status_notes}, {@code expected_datetime} the resolution deadline, {@code agency_responsible}
 * the unit holding it; {@code media_url} its first photo; times in Asia/Shanghai.
 */
@Component
class RequestMapper {

    private static final ZoneId CHINA = WorkingCalendar.CHINA;

    private final GridLocator areas;
    private final Open311Properties props;

    RequestMapper(GridLocator areas, Open311Properties props) {
        this.areas = areas;
        this.props = props;
    }

    Open311Wire.ServiceRequest request(CaseView c) {
        boolean closed = !c.status().isOpen();
        return new Open311Wire.ServiceRequest(c.ref(), closed ? "closed" : "open", notes(c), c.categoryName(), ServiceCatalog.codeOf(c),
                c.description(), agency(c), null, local(c.submittedAt()), local(closed ? c.closedAt() : latest(c)), local(c.resolveDue()),
                c.gridName(), null, null, c.lat(), c.lon(), media(c));
    }

    /**
     * The first photo: a link the client sent as it was, an uploaded one through {@code /open311/v2/media/{id}},
     * which the client fetches with its api_key (the {@code /api/v1} url needs a bearer token it does not have).
     */
    private String media(CaseView c) {
        return c.photos().stream().findFirst().map(p -> p.uploaded() ? props.mediaUrl(p.id()) : p.url()).orElse(null);
    }

    static String local(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, CHINA).toString();
    }

    private static Instant latest(CaseView c) {
        Instant t = c.submittedAt();
        for (Instant x : new Instant[] {c.takenAt(), c.handledAt(), c.closedAt()}) {
            if (x != null && x.isAfter(t)) {
                t = x;
            }
        }
        return t;
    }

    /** Our finer state in words: the status, and the unit, the reason of a rejection, the case a duplicate joined or why it closed. */
    private static String notes(CaseView c) {
        String detail = switch (c.status()) {
            case REJECTED -> c.rejectReason();
            case MERGED -> "已并入 " + c.mergedIntoRef();
            case CLOSED -> c.closeReason() == null ? null : CloseReason.valueOf(c.closeReason()).label();
            case WITHDRAWN -> null;
            default -> c.levelLabel() + (c.overdue() ? "，已超时" : "") + (c.complex() ? "，复杂疑难" : "");
        };
        return detail == null ? c.statusLabel() : c.statusLabel() + "（" + detail + "）";
    }

    /** District-side units by their name; the departments that must report by theirs; a community by its area's name. */
    private String agency(CaseView c) {
        return switch (c.level()) {
            case DEPARTMENTS, STREET -> c.holderName();
            case DISTRICT_CENTER, LEADERS -> c.level().label();
            default -> c.communityId() == null ? null : areas.chainOf(c.communityId()).stream().findFirst().map(AreaRef::name).orElse(null);
        };
    }
}
