package org.redwhistle.api.demo.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.fivesteps.ProposalStatus;
import org.redwhistle.api.fivesteps.ProposalView;
import org.redwhistle.api.fivesteps.Proposals;
import org.redwhistle.api.fivesteps.TaskView;
import org.redwhistle.api.fivesteps.UnitKind;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 五事工作法 in the demo: 松鹤园社区十四甲小区's property fee standard through all five steps (options 0.5 / 0.6 /
 * 0.8 元/平方米·月, the residents' meeting adopts 0.6, tasks to the community and the property company, the
 * residents satisfied), and 奎文门社区南大街小区's bicycle shed turned into a 500 m² service hall, in 联动办事 with
 * a task to 区住建局 overdue. Resumable: each matter goes on from where an earlier start left it. The deciding
 * meetings take their members from the registry; where the registry holds none yet (before the registry's
 * demo is there), the matter waits in 网格议事 and the log says so.
 */
@Component
@Order(50)
class DemoFiveSteps implements DemoPart {

    static final String FEE_TITLE = "十四甲小区物业收费标准";
    static final String HALL_TITLE = "自行车棚改造为 500 平方米综合服务场所（红色议事厅、日间照料服务中心、社区大食堂）";

    private static final Logger log = LoggerFactory.getLogger(DemoFiveSteps.class);

    private final Proposals proposals;
    private final DemoCast cast;
    private final UserAccountRepository users;
    private final AreaRepository areas;
    private final Clock clock;

    DemoFiveSteps(Proposals proposals, UserAccountRepository users, AreaRepository areas, Clock clock) {
        this.proposals = proposals;
        this.cast = new DemoCast(users);
        this.users = users;
        this.areas = areas;
        this.clock = clock;
    }

    @Override
    public void seed() {
        Instant now = clock.instant();
        try {
            fee(now);
        } catch (ApiException e) {
            log.info("demo 五事工作法: {} stopped: {}", FEE_TITLE, e.getMessage());
        }
        try {
            hall(now);
        } catch (ApiException e) {
            log.info("demo 五事工作法: 南大街小区 stopped: {}", e.getMessage());
        }
    }

    private String name(CurrentUser u) {
        return users.findByUsername(u.username()).map(UserAccount::getDisplayName).orElse(u.username());
    }

    private Optional<ProposalView> find(CurrentUser committee, String title, Instant now) {
        return proposals.list(committee, null, null, now).stream().filter(s -> s.title().equals(title)).findFirst()
                .map(s -> proposals.view(committee, s.id(), now));
    }

    /** A working morning {@code days} days before now, 9:30 in Asia/Shanghai. */
    private static Instant daysAgo(Instant now, int days) {
        return now.atZone(WorkingCalendar.CHINA).minusDays(days).toLocalDate().atTime(9, 30).atZone(WorkingCalendar.CHINA).toInstant();
    }

    private static LocalDate day(Instant at) {
        return at.atZone(WorkingCalendar.CHINA).toLocalDate();
    }

    // ---- 松鹤园社区十四甲小区: 物业收费标准, all five steps ----

    private void fee(Instant now) {
        CurrentUser committee = cast.user("committee");
        String by = name(committee);
        ProposalView p = find(committee, FEE_TITLE, now).orElse(null);
        if (p == null) {
            CurrentUser resident = cast.user("13800000001");
            long grid = areas.findByCode(DemoVillage.SONGHEYUAN + "-G1").orElseThrow().getId();
            p = proposals.raise(resident, name(resident), new Proposals.ProposalRaiseBody(null, grid, "十四甲小区", FEE_TITLE,
                    "十四甲小区原物业费标准多年未调整，物业服务跟不上，业主缴费率不到六成。建议由居民共同商定新的物业收费标准和服务内容，"
                            + "按新标准足额缴费、规范服务。", 119.1232, 36.7068, null), daysAgo(now, 45));
            log.info("demo 五事工作法: {} raised by {}", FEE_TITLE, resident.username());
        }
        if (p.status() == ProposalStatus.RAISED) {
            Instant at = daysAgo(now, 40);
            p = proposals.deliberate(committee, by, p.id(), new Proposals.ProposalDeliberationBody(day(at), "十四甲小区 3 号楼前议事亭", List.of(
                    new ProposalView.DeliberationParticipant(null, "松鹤园社区第一网格网格员", "网格员"),
                    new ProposalView.DeliberationParticipant(null, "十四甲小区业主代表 王", "业主代表"),
                    new ProposalView.DeliberationParticipant(null, "十四甲小区业主代表 刘", "业主代表"),
                    new ProposalView.DeliberationParticipant(null, "十四甲小区物业服务中心 经理 赵", "物业")),
                    List.of(new ProposalView.DeliberationOpinion("业主代表 王", "0.5 元不够支撑保洁和安保，服务只会越来越差。"),
                            new ProposalView.DeliberationOpinion("业主代表 刘", "0.8 元老住户负担重，很多人不会缴。"),
                            new ProposalView.DeliberationOpinion("物业 赵", "按测算，0.6 元/平方米·月可以保证两班保安、每日保洁和绿化养护。")),
                    "网格议事会围绕物业收费标准议事，居民自己算账：按小区建筑面积 36000 平方米测算三个方案的年收入和可提供的服务，"
                            + "多数意见倾向 0.6 元/平方米·月，提交居民会议表决。"), at);
            for (String[] o : new String[][] {{"方案一：0.5 元/平方米·月", "0.5", "保洁每周三次，一班保安"},
                    {"方案二：0.6 元/平方米·月", "0.6", "每日保洁，两班保安，绿化养护"}, {"方案三：0.8 元/平方米·月", "0.8", "每日保洁，全天保安，绿化养护，楼道粉刷"}}) {
                p = proposals.addOption(committee, by, p.id(), new Proposals.ProposalOptionBody(o[0], o[2], new BigDecimal(o[1]), "元/平方米·月",
                        new BigDecimal("36000"), "平方米", 12), at);
            }
            log.info("demo 五事工作法: {} deliberated with 3 options", FEE_TITLE);
        }
        if (p.status() == ProposalStatus.DELIBERATING) {
            Instant at = daysAgo(now, 35);
            Long option = p.options().stream().filter(o -> o.label().startsWith("方案二")).map(ProposalView.ProposalOption::id).findFirst().orElse(null);
            p = proposals.convene(committee, by, p.id(), new Proposals.ProposalMeetingBody("RESIDENTS_MEETING", day(at), "松鹤园社区党群服务中心",
                    "十四甲小区物业收费标准按方案二 0.6 元/平方米·月 执行", option), at);
        }
        if (p.status() == ProposalStatus.VOTING) {
            p = vote(committee, by, p, daysAgo(now, 35));
        }
        if (p.status() == ProposalStatus.RESOLVED) {
            Instant at = daysAgo(now, 33);
            p = proposals.assign(committee, by, p.id(), new Proposals.ProposalTaskBody(UnitKind.COMMUNITY, null, null,
                    "公示新收费标准和服务清单，组织与物业签订补充协议", 5), at);
            p = proposals.assign(committee, by, p.id(), new Proposals.ProposalTaskBody(UnitKind.OTHER, null, "十四甲小区物业服务中心",
                    "自次月起按 0.6 元/平方米·月 收费，落实每日保洁、两班保安和绿化养护", 10), at);
            for (TaskView t : p.tasks()) {
                proposals.report(committee, by, t.id(), t.unitKind() == UnitKind.COMMUNITY ? "新标准和服务清单已在小区公示栏公示七天，补充协议已签订"
                        : "新标准已执行，保洁和保安按清单到岗，每月在公示栏公开收支", daysAgo(now, 25));
                proposals.accept(committee, by, t.id(), daysAgo(now, 24));
            }
            p = proposals.complete(committee, by, p.id(), "新标准执行满一个月", daysAgo(now, 20));
        }
        if (p.status() == ProposalStatus.COMPLETED && p.evaluations().isEmpty()) {
            String[][] evaluations = {{"13800000001", "SATISFIED", "百分百足额缴费"}, {"13800000002", "SATISFIED", "楼道天天有人打扫了"},
                    {"13800000003", "BASICALLY_SATISFIED", "希望停车管理也跟上"}};
            for (String[] e : evaluations) {
                CurrentUser r = cast.user(e[0]);
                proposals.evaluate(r, name(r), p.id(), e[1], e[2], daysAgo(now, 15));
            }
            log.info("demo 五事工作法: {} through all five steps, evaluated", FEE_TITLE);
        }
    }

    /**
     * The recorded attendance and votes: about five in six members present, of them about one in eight against and one in
     * ten abstaining; the system counts the result under the meeting's rule.
     */
    private ProposalView vote(CurrentUser committee, String by, ProposalView p, Instant at) {
        ProposalView.ProposalMeeting m = p.meetings().stream().filter(x -> !x.closed()).findFirst().orElseThrow();
        List<Proposals.ProposalVoteLine> lines = new ArrayList<>();
        int i = 0;
        for (ProposalView.MeetingMember member : m.roster()) {
            i++;
            boolean present = i % 6 != 0;
            String vote = !present ? null : i % 8 == 0 ? "NO" : i % 10 == 0 ? "ABSTAIN" : "YES";
            lines.add(new Proposals.ProposalVoteLine(member.id(), present, vote));
        }
        proposals.recordVotes(committee, by, p.id(), m.id(), lines, at);
        ProposalView closed = proposals.closeMeeting(committee, by, p.id(), m.id(), at.plus(Duration.ofHours(2)));
        log.info("demo 五事工作法: {}: {}", p.title(), closed.meetings().get(closed.meetings().size() - 1).outcome());
        return closed;
    }

    // ---- 奎文门社区南大街小区: the bicycle shed, in 联动办事 with a task to 区住建局 overdue ----

    private void hall(Instant now) {
        CurrentUser committee = cast.user("committee-kwm");
        String by = name(committee);
        ProposalView p = find(committee, HALL_TITLE, now).orElse(null);
        if (p == null) {
            CurrentUser resident = cast.user("13800000004");
            p = proposals.raise(resident, name(resident), new Proposals.ProposalRaiseBody(null, null, "南大街小区", HALL_TITLE,
                    "南大街小区的旧自行车棚常年闲置、堆满杂物。建议改造为约 500 平方米的综合服务场所：红色议事厅、日间照料服务中心和社区大食堂，"
                            + "方便老人就餐和居民议事。", 119.137, 36.704, null), daysAgo(now, 40));
        }
        if (p.status() == ProposalStatus.RAISED) {
            Instant at = daysAgo(now, 36);
            p = proposals.deliberate(committee, by, p.id(), new Proposals.ProposalDeliberationBody(day(at), "南大街小区自行车棚现场", List.of(
                    new ProposalView.DeliberationParticipant(null, "奎文门第一网格网格员", "网格员"),
                    new ProposalView.DeliberationParticipant(null, "南大街小区居民代表 孙", "居民代表"),
                    new ProposalView.DeliberationParticipant(null, "南大街小区老年人代表 周", "居民代表")),
                    List.of(new ProposalView.DeliberationOpinion("居民代表 孙", "车棚闲置多年，改造后要保留一部分电动车停放位。"),
                            new ProposalView.DeliberationOpinion("老年人代表 周", "日间照料和大食堂是老人最盼的，希望尽快建成。")),
                    "网格议事一致同意改造，保留电动车集中充电区，改造方案报区住建局审核。"), at);
            p = proposals.addOption(committee, by, p.id(), new Proposals.ProposalOptionBody("改造为综合服务场所", "红色议事厅、日间照料服务中心、社区大食堂",
                    new BigDecimal("1600"), "元/平方米", new BigDecimal("500"), "平方米", 0), at);
        }
        if (p.status() == ProposalStatus.DELIBERATING) {
            Instant at = daysAgo(now, 30);
            p = proposals.convene(committee, by, p.id(), new Proposals.ProposalMeetingBody("REPRESENTATIVES", day(at), "奎文门社区党群服务中心",
                    "将南大街小区自行车棚改造为 500 平方米综合服务场所", p.options().isEmpty() ? null : p.options().get(0).id()), at);
        }
        if (p.status() == ProposalStatus.VOTING) {
            p = vote(committee, by, p, daysAgo(now, 30));
        }
        if (p.status() == ProposalStatus.RESOLVED) {
            Instant at = daysAgo(now, 28);
            // 区住建局's 10 working days ran out long ago: the sweep flags it overdue (督办)
            p = proposals.assign(committee, by, p.id(), new Proposals.ProposalTaskBody(UnitKind.DEPARTMENT, "HOUSING", null,
                    "审核改造设计方案，指导施工安全和质量", 10), at);
            p = proposals.assign(committee, by, p.id(), new Proposals.ProposalTaskBody(UnitKind.STREET, null, null, "协调改造资金和消防验收", 15), at);
            p = proposals.assign(committee, by, p.id(), new Proposals.ProposalTaskBody(UnitKind.COMMUNITY, null, null,
                    "清理车棚杂物，安排电动车临时停放点", 5), at);
            for (TaskView t : p.tasks()) {
                if (t.unitKind() == UnitKind.COMMUNITY) {
                    proposals.report(committee, by, t.id(), "杂物已清理，临时停放点设在 2 号楼东侧", daysAgo(now, 24));
                    proposals.accept(committee, by, t.id(), daysAgo(now, 23));
                }
            }
            log.info("demo 五事工作法: 南大街小区 in 联动办事 (区住建局's task overdue)");
        }
    }
}
