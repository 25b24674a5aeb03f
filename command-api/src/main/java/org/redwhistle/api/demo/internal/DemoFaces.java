package org.redwhistle.api.demo.internal;

import java.util.List;

import org.redwhistle.api.faces.FaceWatchlist;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 广文街道派出所's face watchlist (布控名单): the person ids the village simulator's face gates match
 * (WL-0001, WL-0002), so that its watchlist hits raise {@code face.watchlist} alarms for the police.
 * Only ids, aliases and reasons: no faces. Entries that exist (or were ended) are left alone.
 */
@Component
@Order(75)
class DemoFaces implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoFaces.class);

    /** 广文街道's code in the demo district (DemoDistrictPlan). */
    static final String STREET = "370705001";

    record Entry(String personId, String alias, String reason) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("WL-0001", "张某某", "盗窃嫌疑人"),
            new Entry("WL-0002", "李某", "走失老人"));

    private final FaceWatchlist watchlist;
    private final AreaRepository areas;

    DemoFaces(FaceWatchlist watchlist, AreaRepository areas) {
        this.watchlist = watchlist;
        this.areas = areas;
    }

    @Override
    public void seed() {
        Long street = areas.findByCode(STREET).map(a -> a.getId()).orElse(null);
        if (street == null) {
            log.info("demo faces: no 广文街道 ({}), no watchlist seeded", STREET);
            return;
        }
        int added = 0;
        for (Entry e : ENTRIES) {
            // an entry the police ended stays ended: the demo does not put the person back
            if (watchlist.watch(e.personId(), e.alias(), e.reason(), street, null, "police")) {
                added++;
            }
        }
        if (added > 0) {
            log.info("demo faces: {} watchlist entries for 广文街道", added);
        }
    }
}
