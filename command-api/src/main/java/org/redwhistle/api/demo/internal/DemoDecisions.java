package org.redwhistle.api.demo.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.decisions.MatterState;
import org.redwhistle.api.decisions.Matters;
import org.redwhistle.api.decisions.Matters.Member;
import org.redwhistle.api.decisions.Step;
import org.redwhistle.api.decisions.Vote;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.decisions.VoteRules;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 东顶村's 四议两公开 record (the seed): the 2008 旧村改造 (530 households relocated, 22 new buildings for
 * 984 households), the 2016 security investment of over a million yuan, the adoption of the compact's
 * version 1 (the compact part drafted and proposed it, creating its matter; this demo takes that matter through the steps
 * and the published resolution adopts it), and a matter now waiting
 * for the party members' meeting. Each meeting's attendance and votes are the registry's people,
 * counted by the system; without registered representatives there is nothing to seed (logged).
 */
@Component
@Order(30)
class DemoDecisions implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoDecisions.class);
    private static final String ACTOR = "demo";

    private final Matters matters;
    private final VoteRules rules;
    private final AreaRepository areas;
    private final Clock clock;

    DemoDecisions(Matters matters, VoteRules rules, AreaRepository areas, Clock clock) {
        this.matters = matters;
        this.rules = rules;
        this.areas = areas;
        this.clock = clock;
    }

    @Override
    public void seed() {
        long village = areas.findByCode(DemoDongding.VILLAGE).orElseThrow().getId();
        for (Step s : Step.values()) {
            if (matters.body(village, s).isEmpty()) {
                log.info("demo 四议两公开: 东顶村 has no registered {} (registry not seeded), no matters seeded", s.body());
                return;
            }
        }
        Set<String> have = matters.ofArea(village).stream().map(Matters.MatterView::title).collect(Collectors.toSet());
        int added = 0;
        String t1 = "东顶村旧村改造及拆迁安置方案";
        if (!have.contains(t1)) {
            long id = create(village, t1, "对老村实施整体拆迁改造，建设新型农村社区，按“拆一还一、人均面积”原则安置全体拆迁户", "DEMOLITION", null, null, null);
            steps(village, id, LocalDate.of(2008, 3, 5), LocalDate.of(2008, 3, 10), LocalDate.of(2008, 3, 18), LocalDate.of(2008, 3, 25));
            matters.publish(ACTOR, id, new Matters.Publication(LocalDate.of(2008, 3, 27),
                    "经村民代表会议表决通过：对老村实施整体拆迁改造，拆迁安置方案、补偿标准和安置房分配办法张榜公布，接受全体村民监督。", LocalDate.of(2008, 4, 10)));
            matters.implement(ACTOR, id, new Matters.Implementation(LocalDate.of(2008, 4, 15), "分期拆迁老村住房，同步建设安置楼房"));
            matters.publishResult(ACTOR, id, new Matters.Result(LocalDate.of(2012, 10, 20),
                    "旧村改造完成：严格按“四议两公开”流程推进，顺利拆迁，全部安置到位，期间没有发生一起上访事件。",
                    "拆迁 530 户；新建楼房 22 栋，安置 984 户"));
            added++;
        }
        String t2 = "小区安防系统建设投资";
        if (!have.contains(t2)) {
            long id = create(village, t2, "村委承诺小区不装防盗窗、出现入户盗窃承担全责；建设人防、技防、物防结合的小区安防系统", "LARGE_SPENDING",
                    new BigDecimal("1050000"), null, null);
            steps(village, id, LocalDate.of(2016, 4, 6), LocalDate.of(2016, 4, 12), LocalDate.of(2016, 4, 20), LocalDate.of(2016, 4, 28));
            matters.publish(ACTOR, id, new Matters.Publication(LocalDate.of(2016, 4, 29),
                    "经村民代表会议表决通过：投资 100 余万元建设小区安防系统，含无缝隙监控、单元楼宇可视对讲、门卫自动识别道闸、主路口人脸识别、越墙报警和夜间巡更系统。",
                    LocalDate.of(2016, 5, 13)));
            matters.implement(ACTOR, id, new Matters.Implementation(LocalDate.of(2016, 6, 1), "公开招标，分批安装调试"));
            matters.publishResult(ACTOR, id, new Matters.Result(LocalDate.of(2016, 12, 20),
                    "小区安防系统建成投用：无缝隙监控、楼宇可视对讲、道闸、人脸识别、越墙报警、夜间巡更全部到位。",
                    "实际投资 105 万元；监控点位全覆盖 22 栋楼；全部单元安装可视对讲"));
            added++;
        }
        // the compact's demo (@Order 20) proposed version 1 through the compact, which created its matter: take THAT one through the steps
        String ref = village + ":1";
        var compact = matters.ofArea(village).stream()
                .filter(m -> "compact-version".equals(m.subjectKind()) && ref.equals(m.subjectRef()) && m.state() == MatterState.OPEN).findFirst();
        if (compact.isPresent()) {
            long id = compact.get().id();
            steps(village, id, LocalDate.of(2019, 2, 25), LocalDate.of(2019, 3, 1), LocalDate.of(2019, 3, 8), LocalDate.of(2019, 3, 15));
            matters.publish(ACTOR, id, new Matters.Publication(LocalDate.of(2019, 3, 16),
                    "经村民代表会议表决通过《东顶村村规民约（小公约）》第 1 版，自决议之日起施行，全文在村务公开栏张贴。", LocalDate.of(2019, 3, 30)));
            added++;
        }
        String t4 = "村内道路硬化及排水沟改造";
        if (!have.contains(t4)) {
            LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.CHINA));
            long id = create(village, t4, "老村西片 1.2 公里道路硬化，排水沟清淤改造，筹资筹劳方案", "PUBLIC_WORKS", new BigDecimal("380000"), null, null);
            meeting(village, id, Step.PROPOSAL, today.minusDays(12));
            meeting(village, id, Step.DISCUSSION, today.minusDays(6));
            added++;
        }
        if (added > 0) {
            log.info("demo 四议两公开: 东顶村 {} matters added", added);
        }
    }

    private long create(long village, String title, String description, String kind, BigDecimal amount, String subjectKind, String subjectRef) {
        return matters.create(ACTOR, new Matters.NewMatter(village, title, description, kind, amount, subjectKind, subjectRef)).id();
    }

    private void steps(long village, long id, LocalDate proposal, LocalDate discussion, LocalDate deliberation, LocalDate resolution) {
        meeting(village, id, Step.PROPOSAL, proposal);
        meeting(village, id, Step.DISCUSSION, discussion);
        meeting(village, id, Step.DELIBERATION, deliberation);
        meeting(village, id, Step.RESOLUTION, resolution);
    }

    /** A meeting of the step's body: all but a tenth present (never below quorum), all yes but one no and one abstention. */
    private void meeting(long village, long id, Step step, LocalDate on) {
        List<Member> members = matters.body(village, step);
        VoteRule rule = rules.rule(step.rule()).orElseThrow();
        int present = Math.min(members.size(), Math.max(rule.presentNeeded(members.size()), members.size() - members.size() / 10));
        List<Long> attendance = members.subList(0, present).stream().map(Member::id).toList();
        Map<Long, Vote> votes = new LinkedHashMap<>();
        for (int i = 0; i < present; i++) {
            Vote v = present >= 5 && i == present - 1 ? Vote.NO : present >= 5 && i == present - 2 ? Vote.ABSTAIN : Vote.YES;
            votes.put(attendance.get(i), v);
        }
        String place = step == Step.RESOLUTION || step == Step.DELIBERATION ? "东顶村党群服务中心会议室" : "东顶村村委会议室";
        var outcome = matters.record(ACTOR, id, new Matters.Meeting(step, on, place, "村党支部书记", attendance, votes, null, null, null, null));
        if (!outcome.decided() || !outcome.tally().passed()) {
            throw new IllegalStateException("demo meeting " + step + " of matter " + id + ": " + outcome.tally().outcome());
        }
    }
}
