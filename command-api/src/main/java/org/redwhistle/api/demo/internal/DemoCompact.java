package org.redwhistle.api.demo.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.compact.Article;
import org.redwhistle.api.compact.ArticleCategory;
import org.redwhistle.api.compact.CompactVersion;
import org.redwhistle.api.compact.CompactVersionAdopted;
import org.redwhistle.api.compact.Compacts;
import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.images.ImageFormat;
import org.redwhistle.api.images.PhotoNormalizer;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 东顶村's compact (《东顶村村规民约》, the 小公约 of the seed): version 1 as a draft of 45 articles, proposed
 * through the compact (which creates its 四议两公开 matter); the decisions part's demo (@Order 30, after this one) takes that matter through the steps and publishes, adopting it
 * through the compact's listener; then the seed's case: 李 raised his roof by three courses of bricks and
 * blocked the light of the house behind (article 8), all welfare suspended under article 39, restored
 * under article 41 once he had put it right. A violation needs a version in force, so the case is seeded
 * when version 1 comes into force ({@link CompactVersionAdopted}, inside the decisions demo's transaction)
 * or, on a later start, when it already is. 李's household comes from the registry part (his account's
 * person); without it the case is skipped with a log line.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "redwhistle.demo.enabled", havingValue = "true")
class DemoCompact implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoCompact.class);
    private static final ZoneId ZONE = WorkingCalendar.CHINA;

    private final Compacts compacts;
    private final Registry registry;
    private final UserAccountRepository users;
    private final AreaRepository areas;
    private final Clock clock;

    DemoCompact(Compacts compacts, Registry registry, UserAccountRepository users, AreaRepository areas, Clock clock) {
        this.compacts = compacts;
        this.registry = registry;
        this.users = users;
        this.areas = areas;
        this.clock = clock;
    }

    @Override
    public void seed() {
        Optional<Long> village = village();
        if (village.isEmpty()) {
            return;
        }
        if (compacts.versions(village.get()).isEmpty()) {
            Instant at = clock.instant().minus(120, ChronoUnit.DAYS);
            CompactVersion draft = compacts.draft("committee-dongding", village.get(), "东顶村村规民约（小公约）", at);
            compacts.saveDraft("committee-dongding", draft.id(), draft.title(), articles(), at);
            compacts.propose("committee-dongding", draft.id(), at);
            log.info("demo 东顶村: compact version 1 drafted ({} articles) and proposed to 四议两公开", articles().size());
        }
        compacts.inForce(village.get()).ifPresent(this::seedCase);
    }

    @EventListener
    void on(CompactVersionAdopted e) {
        if (village().filter(v -> v == e.areaId()).isPresent() && e.number() == 1) {
            compacts.inForce(e.areaId()).ifPresent(this::seedCase);
        }
    }

    private Optional<Long> village() {
        return areas.findByCode(DemoDongding.VILLAGE).map(a -> a.getId());
    }

    /** 李's case, once: reported by the grid worker with a picture, confirmed under article 39, restored under article 41 weeks later. */
    private void seedCase(CompactVersion v) {
        Optional<Long> household = users.findByUsername("13810000001").flatMap(u -> registry.personOfUser(u.getId()))
                .map(Person::householdId);
        if (household.isEmpty()) {
            log.info("demo 东顶村: 李 (13810000001) has no household in the registry; the compact's case is skipped");
            return;
        }
        if (!compacts.ofHousehold(household.get()).isEmpty() || v.article(8).isEmpty() || v.article(39).isEmpty() || v.article(41).isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate day = today.minusDays(75);
        if (v.inForceFrom() != null && !day.isAfter(v.inForceFrom())) {
            day = v.inForceFrom().plusDays(3);
        }
        Instant reported = at(day, 9, 40);
        Instant confirmed = at(day.plusDays(3), 15, 0);
        LocalDate restoredDay = day.plusDays(40).isBefore(today) ? day.plusDays(40) : today;
        Instant restored = min(at(restoredDay, 10, 30), clock.instant());
        var x = compacts.report("grid-dongding-1", v.areaId(), new Compacts.Report(household.get(), 8,
                "李某翻建房屋时未经批准将房顶加高三层砖（约 0.5 米），挡住了后排邻居家的采光，邻居多次反映。", "东顶村老村西片 李家房屋（后排为邻居院落）",
                day.minusDays(2)), reported);
        PhotoNormalizer.Normalized photo = PhotoNormalizer.normalize("photo", picture(), ImageFormat.JPEG,
                new PhotoNormalizer.Limits(1600, 40_000_000L, 0.85f));
        compacts.addPhoto("grid-dongding-1", x.id(), photo.data(), photo.width(), photo.height(), reported.plusSeconds(60));
        compacts.confirm("committee-dongding", x.id(), 39, "经村“两委”现场查看，加高部分未经审批，且影响后排住户采光，认定违反第八条。", day.plusDays(3),
                confirmed);
        compacts.restore("committee-dongding", x.id(), 41, "已拆除加高的三层砖，恢复原高度，后排住户采光恢复，邻居认可。", "村委会主任 孙、网格员 蒋",
                restoredDay.withDayOfMonth(1).plusMonths(1), restored);
        log.info("demo 东顶村: the compact's case of 李 seeded (violation {}: article 8, penalty 39, restored under 41)", x.id());
    }

    private static Instant at(LocalDate d, int h, int m) {
        return d.atTime(LocalTime.of(h, m)).atZone(ZONE).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A small picture of the scene: a house whose roof was raised by three courses of bricks, the house behind in its shadow. */
    static byte[] picture() {
        BufferedImage img = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xa9, 0xd0, 0xf0));
        g.fillRect(0, 0, 480, 320);
        g.setColor(new Color(0x8a, 0x8a, 0x80));
        g.fillRect(300, 150, 160, 130); // the house behind, in shadow
        g.setColor(new Color(0xd8, 0xcf, 0xbd));
        g.fillRect(60, 140, 220, 140); // 李's house
        g.setColor(new Color(0xb0, 0x40, 0x30));
        for (int row = 0; row < 3; row++) { // the three added courses of bricks
            for (int col = 0; col < 11; col++) {
                g.fillRect(60 + col * 20 + (row % 2) * 10, 128 - row * 12, 18, 10);
            }
        }
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.fillRect(50, 90, 240, 8); // the roof
        g.setColor(new Color(0x6b, 0x4a, 0x2b));
        g.fillRect(150, 210, 40, 70);
        g.setColor(new Color(0x33, 0x66, 0x33));
        g.fillRect(0, 280, 480, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static Article a(int n, ArticleCategory c, String text) {
        return Article.rule(n, c, text);
    }

    private static Article penalty(int n, String text, List<PenaltyEffect> effects, String measure, List<Integer> refs) {
        return Article.of(n, ArticleCategory.PENALTY, text, effects, measure, List.of(), null, refs);
    }

    private static Article restoration(int n, String text, List<Integer> lifts, String condition) {
        return Article.of(n, ArticleCategory.RESTORATION, text, List.of(), null, lifts, condition, lifts);
    }

    /** 东顶村's compact: 32 duties and prohibitions, 10 penalties and restorations, the closing articles. */
    static List<Article> articles() {
        ArticleCategory S = ArticleCategory.SHALL;
        ArticleCategory N = ArticleCategory.MUST_NOT;
        PenaltyEffect W = PenaltyEffect.WELFARE_SUSPENDED;
        PenaltyEffect H = PenaltyEffect.HONOURS_EXCLUDED;
        PenaltyEffect M = PenaltyEffect.MEASURE;
        List<Article> l = new ArrayList<>();
        l.add(a(1, S, "全体村民应当遵守宪法、法律、法规和国家政策，拥护中国共产党的领导，维护本村的安定团结。"));
        l.add(a(2, S, "村民应当积极参加村党组织和村民委员会组织的各项活动，依法行使选举权和被选举权，参与村务的决策、管理和监督。"));
        l.add(a(3, S, "本村重大事项实行“四议两公开”，村民应当遵守和执行村民代表会议依法作出的决议。"));
        l.add(a(4, S, "村民应当爱护集体财产和道路、路灯、水井、健身器材等公共设施，不得侵占、损坏。"));
        l.add(a(5, S, "村民应当依法使用土地，承包地、宅基地的使用遵守土地管理的规定，服从村庄规划。"));
        l.add(a(6, S, "子女应当孝敬父母、赡养老人，父母应当抚养教育子女；家庭成员之间平等相待、和睦相处。"));
        l.add(a(7, S, "邻里之间应当互谅互让、团结互助；发生纠纷先找代办员、调解员、和事佬调解，做到小事不出村。"));
        l.add(a(8, N, "村民建房、翻建须经批准，不得擅自加高、扩建，不得影响相邻住户的采光、通风和通行。"));
        l.add(a(9, S, "村民应当按照村庄规划在批准的宅基地上建房，一户一宅，建新拆旧，按期交回旧宅基地。"));
        l.add(a(10, S, "村民应当保持房前屋后整洁，落实“门前三包”，生活垃圾分类投放到指定地点。"));
        l.add(a(11, N, "严禁乱搭乱建、乱堆乱放，严禁占用村内道路、排水沟堆放柴草、建材和杂物。"));
        l.add(a(12, N, "严禁乱砍滥伐林木、私挖乱采山石、破坏山林植被。"));
        l.add(a(13, N, "严禁野外用火：严禁上坟烧纸、焚烧秸秆和垃圾；森林防火期内进山须登记，不得携带火种。"));
        l.add(a(14, S, "饲养家禽家畜应当圈养，犬只应当拴养并按规定免疫，不得影响他人生活。"));
        l.add(a(15, N, "严禁向河道、水渠、水井倾倒垃圾和污水，严禁毒鱼、电鱼、炸鱼。"));
        l.add(a(16, S, "移风易俗，婚事新办、丧事简办；操办红白事应当事先向村红白理事会报备，按理事会章程办理。"));
        l.add(a(17, N, "严禁大操大办、铺张浪费，严禁索要高额彩礼、借机敛财。"));
        l.add(a(18, N, "严禁赌博、吸毒、封建迷信活动，严禁参与邪教组织和非法宗教活动。"));
        l.add(a(19, N, "严禁打架斗殴、寻衅滋事；严禁虐待、遗弃老人、妇女和儿童，严禁家庭暴力。"));
        l.add(a(20, N, "反映诉求应当通过小红哨、村“两委”或者依法逐级反映，不得以堵路、闹访等方式扰乱公共秩序。"));
        l.add(a(21, S, "村民应当依法履行服兵役、纳税等义务，按时缴纳应由个人承担的居民医疗保险和养老保险费用。"));
        l.add(a(22, S, "父母或者其他监护人应当保证适龄儿童、少年按时入学，完成义务教育。"));
        l.add(a(23, S, "驾驶车辆应当遵守交通法规，村内道路限速慢行、礼让行人，不得酒后驾驶。"));
        l.add(a(24, S, "外出务工、经商的村民应当向村委会留下联系方式；出租房屋应当登记承租人的身份信息。"));
        l.add(a(25, S, "村民应当配合网格员入户走访和信息采集，如实提供家庭情况。"));
        l.add(a(26, N, "严禁私拉乱接电线，严禁私自接用、损坏集体供水管网。"));
        l.add(a(27, S, "村民应当参加村里组织的义务劳动和防汛、防火、抢险救灾。"));
        l.add(a(28, N, "严禁私自出租、转让、买卖宅基地和集体土地，严禁在耕地上建房、挖沙取土。"));
        l.add(a(29, S, "村民应当爱护古树名木、老石屋和传统村落风貌，修缮老屋须经村“两委”同意。"));
        l.add(a(30, S, "村民应当维护公共秩序，支持平安联盟巡逻，发现火情、险情和治安情况及时报告。"));
        l.add(a(31, N, "严禁在公共场所和网络上散布谣言、侮辱诽谤他人。"));
        l.add(a(32, S, "村每年应当评选“文明户”“好媳妇”“好婆婆”“美丽庭院”，对遵守本约成绩突出的家庭和个人给予表彰奖励。"));
        l.add(penalty(33, "违反本约第四条、第十一条、第二十六条，损坏集体财产、公共设施或者占用公共场所的，由村“两委”责令限期恢复原状、赔偿损失。",
                List.of(M), "责令限期恢复原状、赔偿损失", List.of(4, 11, 26)));
        l.add(penalty(34, "违反本约第十条、第十四条、第十五条的，由村“两委”批评教育、责令限期改正，并在村务公开栏通报。",
                List.of(M), "批评教育、责令限期改正、村务公开栏通报", List.of(10, 14, 15)));
        l.add(penalty(35, "违反本约第十六条、第十七条的，取消该户当年评先评优资格。", List.of(H), null, List.of(16, 17)));
        l.add(penalty(36, "违反本约第十二条、第十三条的，取消当年评先评优资格，并配合有关部门依法处理。", List.of(H, M), "移交有关部门依法处理",
                List.of(12, 13)));
        l.add(penalty(37, "违反本约第十八条、第十九条、第二十条、第三十一条的，由村“两委”批评教育，取消当年评先评优资格；构成违法的，移送公安机关依法处理。",
                List.of(H, M), "批评教育；构成违法的移送公安机关依法处理", List.of(18, 19, 20, 31)));
        l.add(penalty(38, "违反本约第六条，不赡养老人、经调解仍拒不改正的，取消评先评优资格，村集体代为垫付的赡养费用由其承担。",
                List.of(H, M), "承担村集体代为垫付的赡养费用", List.of(6)));
        l.add(penalty(39, "违反本约第八条、第九条、第二十八条，擅自建房、加高扩建、影响相邻住户采光通风通行或者非法占用土地，经村“两委”认定的，停发该户一切福利待遇，"
                + "取消评先评优资格，并责令限期拆除、恢复原状。", List.of(W, H, M), "责令限期拆除违建、恢复原状", List.of(8, 9, 28)));
        l.add(penalty(40, "违反本约第三条，拒不执行村民代表会议决议、阻挠公共建设，经村“两委”认定的，停发该户一切福利待遇。", List.of(W), null, List.of(3)));
        l.add(restoration(41, "受到本约第三十九条、第四十条处罚的，违约人整改到位、经村“两委”验收合格的，自次月起恢复其福利待遇。", List.of(39, 40),
                "整改到位（拆除违建、恢复原状或者履行决议），经村“两委”验收合格"));
        l.add(restoration(42, "被取消评先评优资格的，一年内未再违反本约、经村民代表会议评议认可的，恢复其评先评优资格。", List.of(35, 36, 37, 38),
                "一年内未再违反本约，经村民代表会议评议认可"));
        l.add(a(43, S, "违约人对认定和处罚有异议的，可以自收到通知之日起十五日内申诉，由村调解委员会调解；调解不成的，可以申请镇人民调解委员会调解或者依法提起诉讼。"));
        l.add(a(44, S, "本约由村民委员会负责解释，村务监督委员会监督执行；执行情况每半年在村务公开栏公开一次。"));
        l.add(a(45, S, "本约经村民代表会议讨论通过，自决议公开之日起施行；未尽事宜，由村民代表会议依法补充修订。"));
        return l;
    }
}
