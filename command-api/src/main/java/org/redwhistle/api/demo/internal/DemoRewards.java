package org.redwhistle.api.demo.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.redwhistle.api.leads.LeadStatus;
import org.redwhistle.api.leads.Leads;
import org.redwhistle.api.leads.Rewards;
import org.redwhistle.api.members.Members;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A year of leads and rewards before the clock's date: about three hundred leads from the patrol members there
 * are, spread over the year; most reviewed by the 广文街道 police (about 30 % valid), some valid ones with suspects
 * caught (about forty in the year) or property recovered; rewards of ¥500–¥5,000 proposed by the police and
 * approved by the station's leader (paid from the fund of the year of approval), one refused and the latest two
 * still awaiting approval; the last fortnight's leads still new or being checked. Seeded once (no lead older than
 * two days yet), from a fixed seed.
 */
@Component
@Order(70)
class DemoRewards implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoRewards.class);
    static final int LEADS = 320;

    /** What members report, and what the police found. */
    private static final String[][] STORIES = {
        {"小区东门外一辆无牌面包车连续三晚停放，车内有人观望", "经查为外地来潍人员借宿车内，已劝离"},
        {"发现有人在车棚内逐辆拉拽电动车车锁", "调取监控确认为盗窃电动车嫌疑人"},
        {"快递驿站附近有陌生人翻找他人包裹", "核实为冒领快递，已依法处理"},
        {"夜间有人攀爬三号楼二层阳台", "确认为入室盗窃未遂"},
        {"菜市场有人以低价兜售来路不明的手机", "经查为销赃，已追缴手机"},
        {"出租车乘客反复询问某小区监控位置，形迹可疑", "核查乘客身份，系踩点人员"},
        {"地下车库有人撬汽车车窗", "调取监控锁定嫌疑人"},
        {"老人接到自称“公检法”电话，正要去银行转账", "及时劝阻，避免电信诈骗损失"},
        {"商铺后巷有人深夜搬运成箱电缆", "经查为盗窃工地电缆"},
        {"公园长椅附近有人向学生兜售电子烟", "移交市场监管部门处理"},
        {"小区门口有人散发投资理财传单，承诺高额回报", "涉嫌非法集资，已移交经侦"},
        {"楼道内消防栓箱被撬，水带丢失", "调取监控，追回水带"},
        {"路口有车辆多次闯红灯后逃逸", "经核查为正常通行，线索无效"},
        {"邻居家中传出争吵和呼救声", "民警上门，系家庭纠纷，已调解"},
        {"有人在河边用电网捕鱼", "经查属实，已制止并收缴工具"},
        {"超市门口有人尾随独行女性", "经核查为熟人同行，线索无效"},
        {"工地夜间有人翻墙进入", "确认为盗窃钢筋嫌疑人"},
        {"出租屋频繁有不同人员出入，疑似聚赌", "突击检查查获聚众赌博"},
        {"网吧门口有未成年人深夜聚集", "已通知家长并教育疏散"},
        {"路边停放车辆车门未锁，车内有财物", "已联系车主，排除风险"},
    };

    private final Leads leads;
    private final Rewards rewards;
    private final Members members;
    private final GridLocator grids;
    private final Clock clock;

    DemoRewards(Leads leads, Rewards rewards, Members members, GridLocator grids, Clock clock) {
        this.leads = leads;
        this.rewards = rewards;
        this.members = members;
        this.grids = grids;
        this.clock = clock;
    }

    @Override
    public void seed() {
        Instant now = clock.instant();
        if (leads.countBefore(now.minus(Duration.ofDays(2))) > 0) {
            return;
        }
        List<Members.MemberView> patrol = members.list(null, "PATROL", null);
        if (patrol.isEmpty()) {
            log.info("demo rewards: no patrol members; no leads seeded");
            return;
        }
        long started = System.nanoTime();
        Random random = new Random(21);
        List<Leads.PastLead> past = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        int suspects = 0;
        for (int i = 0; i < LEADS; i++) {
            Members.MemberView m = patrol.get(random.nextInt(patrol.size()));
            // spread over the year, the oldest first; none in the last day
            Instant sent = now.minus(Duration.ofMinutes((long) ((365.0 * (LEADS - i) / LEADS) * 1440) - random.nextInt(600) + 1440));
            String[] story = STORIES[random.nextInt(STORIES.length)];
            double lon = (m.lon() != null ? m.lon() : 119.1245) + (random.nextDouble() - 0.5) * 0.006;
            double lat = (m.lat() != null ? m.lat() : 36.7045) + (random.nextDouble() - 0.5) * 0.004;
            List<Long> path = path(m, lon, lat);
            boolean recent = sent.isAfter(now.minus(Duration.ofDays(14)));
            LeadStatus status = recent ? (random.nextBoolean() ? LeadStatus.NEW : LeadStatus.REVIEWING)
                    : random.nextDouble() < 0.31 ? LeadStatus.VALID : LeadStatus.INVALID;
            Instant reviewed = status == LeadStatus.NEW ? null : sent.plus(Duration.ofHours(2 + random.nextInt(46)));
            int caught = 0;
            String property = null;
            BigDecimal value = null;
            if (status == LeadStatus.VALID) {
                valid.add(i);
                if (random.nextDouble() < 0.33) {
                    caught = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
                    suspects += caught;
                }
                if (random.nextDouble() < 0.25) {
                    property = story[0].contains("电动车") ? "电动车一辆" : story[0].contains("手机") ? "手机三部" : story[0].contains("电缆") ? "电缆约二百米" : "被盗财物一批";
                    value = BigDecimal.valueOf(300 + random.nextInt(150) * 100L).setScale(2);
                }
            }
            String note = switch (status) {
                case VALID -> story[1];
                case INVALID -> "经核查未发现违法犯罪情况";
                case REVIEWING -> "民警正在核实";
                case NEW -> null;
            };
            past.add(new Leads.PastLead(m.id(), story[0], lon, lat, path, sent, status, note, status == LeadStatus.NEW ? null : "police", reviewed, caught,
                    property, value, caught > 0 || property != null ? reviewed.plus(Duration.ofDays(1)) : null));
        }
        List<Long> ids = leads.recordPast("demo", past);
        int paid = rewardsFor(valid, past, ids, random, now);
        log.info("demo rewards: {} leads ({} valid, {} suspects caught), {} rewards paid, tookMs={}", LEADS, valid.size(), suspects, paid,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Rewards for about two valid leads in three: the latest two awaiting approval, one refused, the rest paid. */
    private int rewardsFor(List<Integer> valid, List<Leads.PastLead> past, List<Long> ids, Random random, Instant now) {
        List<Integer> rewarded = new ArrayList<>();
        for (int i : valid) {
            if (past.get(i).suspectsCaught() > 0 || random.nextDouble() < 0.55) {
                rewarded.add(i);
            }
        }
        Collections.sort(rewarded);
        int paid = 0;
        for (int n = 0; n < rewarded.size(); n++) {
            int i = rewarded.get(n);
            Leads.PastLead l = past.get(i);
            boolean arrest = l.suspectsCaught() > 0;
            BigDecimal amount = BigDecimal.valueOf(arrest ? 2000 + random.nextInt(31) * 100L : 500 + random.nextInt(11) * 100L);
            Instant proposed = l.outcomeAt() != null ? l.outcomeAt().plus(Duration.ofHours(3)) : l.reviewedAt().plus(Duration.ofDays(1));
            var r = rewards.propose("police", ids.get(i), null, amount, arrest ? "提供线索协助抓获嫌疑人 " + l.suspectsCaught() + " 名" : "提供有效线索", proposed);
            Instant decided = proposed.plus(Duration.ofDays(2 + random.nextInt(5)));
            boolean awaiting = n >= rewarded.size() - 2 || decided.isAfter(now.minus(Duration.ofHours(1)));
            if (awaiting) {
                continue;
            }
            if (n == rewarded.size() / 2) {
                rewards.refuse("police-leader", r.id(), "线索与破案无直接关联，不予奖励", decided);
            } else {
                rewards.approve("police-leader", r.id(), "同意", decided);
                paid++;
            }
        }
        return paid;
    }

    private List<Long> path(Members.MemberView m, double lon, double lat) {
        GridChain chain = grids.locate(lon, lat).orElse(null);
        if (chain == null) {
            return members.areaPath(m.id());
        }
        List<Long> path = new ArrayList<>(chain.ids());
        Collections.reverse(path);
        return path;
    }
}
