package org.redwhistle.api.demo.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.allianceduty.Equipment;
import org.redwhistle.api.allianceduty.EquipmentCondition;
import org.redwhistle.api.allianceduty.Rosters;
import org.redwhistle.api.allianceduty.Training;
import org.redwhistle.api.allianceduty.TrainingResult;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.Members.MemberView;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The 平安联盟's duty in 广文街道, around today by the application's clock: every PATROL member holds a pass of
 * 岗前培训 that is valid today (a session forty days ago; a member whose pass ran out is retrained at a new
 * one), so the demo's members go on duty; four members without accounts in 松鹤园社区, one of them never trained and
 * one whose pass expired (they show on the training tab's list of the untrained, and no test signs in as them);
 * the police station's equipment, issued to the members with some in stock, one flashlight returned damaged; a
 * 急救常识 session; and a week of shifts (three days back, three ahead) for 广文街道's team, or 松鹤园社区 while it
 * has none. Idempotent: what exists is kept, what is missing (a new day's shifts) is added.
 */
@Component
@Order(65)
class DemoAllianceDuty implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoAllianceDuty.class);
    private static final String POLICE = "demo";
    private static final String HALL = "广文街道派出所三楼会议室";
    private static final String UNTRAINED = "平安联盟 韩（商户）";
    private static final String EXPIRED = "平安联盟 沈（环卫工人）";
    /** The members without accounts, with their trades; the last two are the untrained and the expired. */
    private static final List<String[]> EXTRA = List.of(new String[] {"平安联盟 卫（停车场管理员）", "停车场管理员"},
            new String[] {"平安联盟 蒋（快递员）", "快递员"}, new String[] {UNTRAINED, "商户"}, new String[] {EXPIRED, "环卫工人"});

    private final Equipment equipment;
    private final Training training;
    private final Rosters rosters;
    private final Members members;
    private final DemoSeeds seeds;
    private final AreaRepository areas;
    private final Clock clock;

    DemoAllianceDuty(Equipment equipment, Training training, Rosters rosters, Members members, DemoSeeds seeds, AreaRepository areas, Clock clock) {
        this.equipment = equipment;
        this.training = training;
        this.rosters = rosters;
        this.members = members;
        this.seeds = seeds;
        this.areas = areas;
        this.clock = clock;
    }

    @Override
    public void seed() {
        Long street = areas.findByCode(DemoVillage.STREET).map(a -> a.getId()).orElse(null);
        Long shy = areas.findByCode(DemoVillage.SONGHEYUAN).map(a -> a.getId()).orElse(null);
        if (street == null || shy == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.CHINA);
        Map<String, Long> extra = new LinkedHashMap<>();
        EXTRA.forEach(e -> extra.put(e[0], seeds.memberWithoutAccount(e[0], "PATROL", e[1], shy)));
        long expiredId = extra.get(EXPIRED);
        // the expired member: passed 岗前培训 fourteen months ago, once (on the first seeding)
        LocalDate longAgo = today.minusMonths(14);
        if (training.session("PRE_DUTY", street, longAgo, HALL).isEmpty() && training.missing(expiredId, today).orElse("").startsWith("未完成")) {
            long old = training.holdSession(new Training.NewSession("PRE_DUTY", street, longAgo, HALL, "社区民警 吴", "第一期岗前培训"), POLICE, now);
            training.record(old, expiredId, TrainingResult.PASSED, null, POLICE, now);
        }
        int trained = trainEveryone(street, today, now, Set.of(extra.get(UNTRAINED), expiredId));
        Long patrol1 = memberOf("patrol1");
        Long patrol2 = memberOf("patrol2");
        List<Long> crew = new ArrayList<>();
        for (Long m : new Long[] {patrol1, patrol2, extra.get("平安联盟 卫（停车场管理员）"), extra.get("平安联盟 蒋（快递员）")}) {
            if (m != null) {
                crew.add(m);
            }
        }
        firstAid(street, today, now, crew);
        equip(street, today, now, crew);
        int shifts = rosters(street, shy, today, now, crew);
        log.info("demo alliance duty: {} PATROL members trained today, {} shifts added around {}", trained, shifts, today);
    }

    /** Every PATROL member but the exempt holds a valid 岗前培训 today: those who do not pass a session forty days ago. */
    private int trainEveryone(long street, LocalDate today, Instant now, Set<Long> exempt) {
        LocalDate held = today.minusDays(40);
        Long session = null;
        int n = 0;
        for (MemberView m : members.list(null, "PATROL", null)) {
            if (exempt.contains(m.id()) || training.missing(m.id(), today).isEmpty()) {
                continue;
            }
            if (session == null) {
                session = training.session("PRE_DUTY", street, held, HALL).orElseGet(() -> training.holdSession(
                        new Training.NewSession("PRE_DUTY", street, held, HALL, "社区民警 吴", "法律法规、巡逻防范、应急处置、装备使用"), POLICE, now));
            }
            training.record(session, m.id(), TrainingResult.PASSED, null, POLICE, now);
            n++;
        }
        return n;
    }

    private void firstAid(long street, LocalDate today, Instant now, List<Long> crew) {
        LocalDate held = today.minusDays(20);
        String place = "广文街道社区卫生服务中心";
        if (crew.isEmpty() || training.session("FIRST_AID", street, held, place).isPresent()) {
            return;
        }
        long s = training.holdSession(new Training.NewSession("FIRST_AID", street, held, place, "奎文区红十字会 培训师 赵", "心肺复苏、止血包扎"), POLICE, now);
        for (int i = 0; i < crew.size(); i++) {
            training.record(s, crew.get(i), i == crew.size() - 1 ? TrainingResult.FAILED : TrainingResult.PASSED, null, POLICE, now);
        }
    }

    /** The station's equipment: each of the crew wears a vest and an armband and carries a flashlight; the rest is in stock. */
    private void equip(long street, LocalDate today, Instant now, List<Long> crew) {
        LocalDate issued = today.minusDays(38);
        String[][] worn = {{"VEST", "反光背心"}, {"ARMBAND", "红袖标"}, {"FLASHLIGHT", "强光手电"}};
        for (int i = 0; i < crew.size(); i++) {
            long member = crew.get(i);
            for (String[] k : worn) {
                item(k[0], String.format("GW-%s-%03d", k[0], i + 1), street, now).ifPresent(id -> equipment.issue(id, member, issued, POLICE, now));
            }
        }
        // the radios: the first member carries one; a spare flashlight came back damaged; the rest are in stock
        item("RADIO", "GW-RADIO-001", street, now).ifPresent(id -> equipment.issue(id, crew.get(0), issued, POLICE, now));
        item("FLASHLIGHT", "GW-FLASHLIGHT-101", street, now).ifPresent(id -> {
            equipment.issue(id, crew.get(crew.size() - 1), issued, POLICE, now);
            equipment.giveBack(id, today.minusDays(5), EquipmentCondition.DAMAGED, "开关失灵", POLICE, now);
        });
        for (String[] stock : new String[][] {{"VEST", "GW-VEST-101"}, {"VEST", "GW-VEST-102"}, {"ARMBAND", "GW-ARMBAND-101"}, {"RADIO", "GW-RADIO-002"},
            {"BODY_CAMERA", "GW-BODY_CAMERA-001"}, {"BODY_CAMERA", "GW-BODY_CAMERA-002"}, {"STAB_VEST", "GW-STAB_VEST-001"},
            {"STAB_VEST", "GW-STAB_VEST-002"}, {"TOUR_TERMINAL", "GW-TOUR_TERMINAL-001"}}) {
            item(stock[0], stock[1], street, now);
        }
    }

    /** A new item (empty when the asset number is registered already: seeded before). */
    private Optional<Long> item(String kind, String assetNo, long street, Instant now) {
        if (equipment.itemByAssetNo(assetNo).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(equipment.addItem(new Equipment.NewItem(kind, assetNo, "SN" + Math.abs(assetNo.hashCode()), street, null), POLICE, now));
    }

    /** Three shifts a day for the seven days around today; returns how many were added. */
    private int rosters(long street, long shy, LocalDate today, Instant now, List<Long> crew) {
        if (crew.size() < 2) {
            return 0;
        }
        Long team = rosters.teamIn(street).orElse(null);
        Long tour = seeds.tourId("SHY-TOUR-1");
        int n = 0;
        for (int d = -3; d <= 3; d++) {
            LocalDate day = today.plusDays(d);
            n += shift(team, shy, day, LocalTime.of(8, 0), LocalTime.of(16, 0), "松鹤园社区 主干道及沿街商铺", null, List.of(crew.get(0), crew.get(crew.size() > 2 ? 2 : 1)), now);
            n += shift(team, shy, day, LocalTime.of(16, 0), LocalTime.of(0, 0), "松鹤园社区 小区内部巡逻", null, List.of(crew.get(1), crew.get(crew.size() - 1)), now);
            n += shift(team, shy, day, LocalTime.of(20, 0), LocalTime.of(2, 0), "松鹤园夜间巡更（西北片）", tour, List.of(crew.get(0)), now);
        }
        return n;
    }

    private int shift(Long team, long shy, LocalDate day, LocalTime start, LocalTime end, String place, Long tour, List<Long> on, Instant now) {
        Instant startsAt = day.atTime(start).atZone(WorkingCalendar.CHINA).toInstant();
        if (rosters.exists(team, shy, startsAt, place)) {
            return 0;
        }
        rosters.plan(new Rosters.NewShift(team, team != null ? null : shy, day, start, end, place, tour, null, on), POLICE, now);
        return 1;
    }

    private Long memberOf(String username) {
        return members.list(null, "PATROL", null).stream().filter(m -> username.equals(m.username())).map(MemberView::id).findFirst().orElse(null);
    }
}
