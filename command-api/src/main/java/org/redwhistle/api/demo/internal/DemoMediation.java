package org.redwhistle.api.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.Disputes;
import org.redwhistle.api.mediation.Disputes.Actor;
import org.redwhistle.api.mediation.Disputes.PartyInput;
import org.redwhistle.api.mediation.Disputes.Side;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.ReferralTarget;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 东顶村's mediation record over the last two years, by its team from the registry: twenty disputes across the
 * categories, most settled by a household's 代办员 or by the mediators and 和事佬, two by a legal adviser, one
 * referred to 八陡镇人民调解委员会, one withdrawn and one still with the mediators, each with its sessions and,
 * where settled, its generated and signed agreement. Skipped (with a log line) while the registry has no team
 * for the village; seeded once (a village with disputes is left alone).
 */
@Component
@Order(40)
class DemoMediation implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoMediation.class);
    private static final ZoneId CHINA = WorkingCalendar.CHINA;

    /** How a past dispute went: settled at a level, referred out, withdrawn, or still open with the mediators. */
    enum End { AGENT, MEDIATION, LEGAL, REFERRED, WITHDRAWN, OPEN }

    record Story(int daysAgo, DisputeCategory category, String title, String description, String terms, End end) {
    }

    static final List<Story> STORIES = List.of(
            new Story(700, DisputeCategory.NEIGHBOURS, "鸡鸭散养进入邻家菜园", "邻居散养的鸡鸭多次进入菜园啄食蔬菜，双方争吵。", "养殖户修补院墙并圈养鸡鸭，赔偿菜苗损失二百元。", End.AGENT),
            new Story(660, DisputeCategory.BUILDING_ADJACENCY, "翻建房屋遮挡后邻采光", "前户翻建房屋加高三层砖，遮挡后户采光。", "前户拆除加高部分，恢复原有高度，由代办员验收。", End.MEDIATION),
            new Story(610, DisputeCategory.SUPPORT, "老人赡养费分担", "兄弟三人对母亲赡养费分担有分歧。", "三兄弟每人每月支付赡养费四百元，轮流照料，每户四个月。", End.MEDIATION),
            new Story(575, DisputeCategory.HOMESTEAD_LAND, "宅基地界址争议", "两户对宅基地东侧界址相差约半米有争议。", "以一九九八年宅基地使用证四至为准，共同委托镇国土所复测定界。", End.LEGAL),
            new Story(540, DisputeCategory.CONTRACT_DEBT, "农机租赁费拖欠", "村民租用旋耕机后拖欠租赁费一千二百元。", "承租人于当月底前分两次付清租赁费一千二百元。", End.AGENT),
            new Story(500, DisputeCategory.MARRIAGE_FAMILY, "婆媳矛盾", "婆媳因家务琐事长期不和，儿子两头为难。", "分灶吃饭，儿子每周陪同母亲看病一次，双方互不干涉生活。", End.MEDIATION),
            new Story(470, DisputeCategory.DAMAGES, "电动车剐蹭赔偿", "村道上电动车剐蹭行人，双方对赔偿金额有争议。", "骑车人赔偿医疗费、误工费共计一千五百元，当场付清。", End.AGENT),
            new Story(430, DisputeCategory.NEIGHBOURS, "排水沟堵塞积水", "一户填平门前排水沟，雨季导致邻户院内积水。", "填沟户于十日内恢复排水沟，两户共同出资铺设暗管。", End.MEDIATION),
            new Story(400, DisputeCategory.HOMESTEAD_LAND, "承包地边界树木归属", "承包地地头杨树归属有争议，一方擅自砍伐。", "", End.REFERRED),
            new Story(360, DisputeCategory.BUILDING_ADJACENCY, "新建厕所距离邻户过近", "新建旱厕紧邻邻户厨房，气味影响生活。", "建厕户将旱厕改建至院内西南角，改为水冲式，三十日内完成。", End.MEDIATION),
            new Story(330, DisputeCategory.CONTRACT_DEBT, "盖房工钱结算", "房主与瓦工对盖房工钱结算有分歧。", "按实际用工四十二个工日结算，房主支付工钱八千四百元。", End.LEGAL),
            new Story(300, DisputeCategory.NEIGHBOURS, "狗吠扰民", "一户养狗夜间狂吠，影响邻居休息。", "养狗户夜间将狗拴养于院内北侧并加装隔音围挡。", End.AGENT),
            new Story(260, DisputeCategory.SUPPORT, "子女抚养费", "离婚后一方未按约支付子女抚养费。", "自下月起每月支付抚养费六百元，所欠三个月分期补齐。", End.MEDIATION),
            new Story(230, DisputeCategory.DAMAGES, "羊群啃食麦苗", "放羊啃食邻户麦苗约半亩。", "羊主赔偿麦苗损失三百元，今后改为圈养。", End.AGENT),
            new Story(190, DisputeCategory.OTHER, "红白事占用道路", "办喜事搭棚占用村道三天，影响通行。", "", End.WITHDRAWN),
            new Story(150, DisputeCategory.MARRIAGE_FAMILY, "分家析产", "父母在世时分家，兄弟对老宅归属有争议。", "老宅归长子，长子补偿次子两万元，父母由兄弟二人共同赡养。", End.MEDIATION),
            new Story(110, DisputeCategory.NEIGHBOURS, "柴草堆放占道", "一户在公共巷道堆放柴草，邻户出入不便且有火灾隐患。", "堆放户五日内将柴草移至自家院内，巷道保持畅通。", End.AGENT),
            new Story(70, DisputeCategory.CONTRACT_DEBT, "借款归还", "亲戚间借款三万元未约定还款日期，出借人催还未果。", "借款人于年底前归还一万五千元，余款次年六月底前还清。", End.MEDIATION),
            new Story(35, DisputeCategory.BUILDING_ADJACENCY, "空调外机噪音和热风", "空调外机正对邻户窗户，噪音和热风影响邻户。", "安装户将空调外机移至山墙外侧，费用自理。", End.AGENT),
            new Story(3, DisputeCategory.HOMESTEAD_LAND, "院墙翻建越界", "翻建院墙向外移出约二十厘米，邻户认为占用公共通道。", "", End.OPEN));

    private final Disputes disputes;
    private final Registry registry;
    private final AreaRepository areas;
    private final Clock clock;

    DemoMediation(Disputes disputes, Registry registry, AreaRepository areas, Clock clock) {
        this.disputes = disputes;
        this.registry = registry;
        this.areas = areas;
        this.clock = clock;
    }

    @Override
    public void seed() {
        Long village = areas.findByCode(DemoDongding.VILLAGE).map(a -> a.getId()).orElse(null);
        if (village == null || disputes.count(village) > 0) {
            return;
        }
        seedVillage(village, clock.instant());
    }

    /** The stories in a village as of {@code now}; false (logged) when its registry has no team or households. */
    boolean seedVillage(long village, Instant now) {
        List<Person> mediators = new ArrayList<>(registry.withRole(village, CivicRole.MEDIATOR));
        mediators.addAll(registry.withRole(village, CivicRole.PEACEMAKER));
        List<Person> lawyers = registry.withRole(village, CivicRole.LEGAL_ADVISER);
        List<Household> households = households(village);
        if (mediators.isEmpty() || lawyers.isEmpty() || households.size() < 2) {
            log.info("demo mediation: 东顶村's registry has no mediation team or households yet (the registry's demo part seeds them); no disputes seeded");
            return false;
        }
        List<Household> withAgent = households.stream().filter(h -> h.agentId() != null).toList();
        int i = 0;
        for (Story s : STORIES) {
            Household a = (s.end() == End.AGENT && !withAgent.isEmpty()) ? withAgent.get(i % withAgent.size()) : households.get(i % households.size());
            Household b = households.get((i + 3) % households.size());
            if (b.id() == a.id()) {
                b = households.get((i + 1) % households.size());
            }
            Person mediator = mediators.get(i % mediators.size());
            Person lawyer = lawyers.get(i % lawyers.size());
            story(village, s, a, b, mediator, lawyer, now);
            i++;
        }
        log.info("demo mediation: {} disputes of 东顶村 seeded", STORIES.size());
        return true;
    }

    private void story(long village, Story s, Household a, Household b, Person mediator, Person lawyer, Instant now) {
        Instant opened = workingMorning(now.minus(Duration.ofDays(s.daysAgo())));
        boolean atAgent = s.end() == End.AGENT && a.agentId() != null;
        Person agent = atAgent ? registry.person(a.agentId()).orElse(null) : null;
        Actor first = agent != null ? actor(agent) : actor(mediator);
        List<PartyInput> parties = List.of(new PartyInput(Side.APPLICANT, a.id(), null, null, null), new PartyInput(Side.RESPONDENT, b.id(), null, null, null));
        long id = disputes.open(new Disputes.NewDispute(village, s.title(), s.category(), s.description(), null,
                agent != null ? MediationLevel.AGENT : MediationLevel.MEDIATION, agent == null ? null : agent.id(), parties), first, opened);
        String present = names(a) + "、" + names(b);
        Instant t = opened.plus(Duration.ofDays(1));
        disputes.recordSession(id, new Disputes.NewSession(t, agent != null ? "当事人家中" : "村人民调解委员会调解室", first.name(), present,
                "听取双方陈述，释法说理，双方初步表达和解意愿。"), first, t);
        Actor closer = first;
        if (s.end() == End.LEGAL || s.end() == End.REFERRED) {
            t = t.plus(Duration.ofDays(2));
            disputes.escalate(id, MediationLevel.LEGAL, "涉及法律和政策问题，请法律顾问释法", first, t);
            closer = actor(lawyer);
            disputes.recordSession(id, new Disputes.NewSession(t.plus(Duration.ofDays(1)), "村人民调解委员会调解室", lawyer.name() + "、" + mediator.name(),
                    present, "法律顾问讲解相关法律规定，双方分歧缩小。"), closer, t.plus(Duration.ofDays(1)));
            t = t.plus(Duration.ofDays(2));
        }
        switch (s.end()) {
            case REFERRED -> disputes.refer(id, ReferralTarget.TOWN_COMMITTEE, "双方对树木归属分歧大，村内三级调解不成，移交镇人民调解委员会", closer, t);
            case WITHDRAWN -> disputes.withdraw(id, "双方自行协商解决", closer, t);
            case OPEN -> { }
            default -> {
                LocalDate due = t.plus(Duration.ofDays(30)).atZone(CHINA).toLocalDate();
                disputes.draftAgreement(id, new Disputes.AgreementDraft(s.description(), s.terms(), "当事人自行履行，代办员跟踪回访。", due), closer, t);
                disputes.generateAgreement(id, closer, t);
                disputes.signOff(id, names(a) + "、" + names(b), closer, t.plus(Duration.ofHours(1)));
            }
        }
    }

    /** The households of the village the registry knows through its people with roles (and their own households). */
    private List<Household> households(long village) {
        Map<Long, Household> out = new LinkedHashMap<>();
        for (CivicRole r : CivicRole.values()) {
            registry.withRole(village, r).stream().map(Person::householdId).filter(Objects::nonNull).distinct()
                    .forEach(h -> registry.household(h).ifPresent(x -> out.putIfAbsent(x.id(), x)));
        }
        return List.copyOf(out.values());
    }

    private String names(Household h) {
        return registry.members(h.id()).stream().findFirst().map(Person::name).orElse("户号 " + h.code() + " 户");
    }

    private static Actor actor(Person p) {
        return new Actor("demo", p.name());
    }

    /** 09:30 in Shanghai on that day. */
    private static Instant workingMorning(Instant t) {
        return t.atZone(CHINA).toLocalDate().atTime(9, 30).atZone(CHINA).toInstant();
    }
}
