package org.redwhistle.api.demo.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.RegistryLoader;
import org.redwhistle.api.registry.RegistryLoader.NewHousehold;
import org.redwhistle.api.registry.RegistryLoader.NewPerson;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The registry's demo data (户籍台账). 东顶村: 1,035 people in 330 households in its four grids (户号 DD-0001…DD-0330),
 * 49 party members, 45 villagers' representatives, the two committees' 7 members, the mediation team (3 调解员,
 * 3 和事佬, 2 法律顾问 without a household in the village) and 33 代办员 (party members), each looking after the
 * 10 households of their stretch; the village's accounts are these people: 陈 (DD-0012) and 孙 (DD-0047) of the
 * committees, 卫 (DD-0105) the 代办员 of DD-0101…DD-0110, 村民 李 the head of DD-0108 and 沈 of DD-0109 behind him,
 * the grid worker 蒋 (DD-0021), the mediators and 和事佬. 松鹤园社区: 120 households of 十四甲小区 (SHY-…; the residents
 * 13800000001 马 and 13800000002 何 head SHY-0001 and SHY-0002); 奎文门社区: 80 households of 南大街小区 (KWM-…).
 * Everything is generated from fixed seeds and loaded only where missing.
 */
@Component
@Order(10)
class DemoRegistry implements DemoPart {

    static final String LI_HOUSEHOLD = "DD-0108";
    private static final Logger log = LoggerFactory.getLogger(DemoRegistry.class);

    /** The households of 东顶村 whose head has an account: index → surname, given name, gender, account. */
    private static final Map<Integer, String[]> DONGDING_HEADS = Map.ofEntries(
            Map.entry(11, new String[] {"陈", "建华", "MALE", "committee-dongding"}),
            Map.entry(46, new String[] {"孙", "立新", "MALE", "committee-dongding-2"}),
            Map.entry(62, new String[] {"赵", "秀英", "FEMALE", "mediator"}),
            Map.entry(129, new String[] {"钱", "永福", "MALE", "mediator-2"}),
            Map.entry(140, new String[] {"周", "玉兰", "FEMALE", "mediator-3"}),
            Map.entry(174, new String[] {"吴", "德顺", "MALE", "peacemaker-1"}),
            Map.entry(202, new String[] {"郑", "长海", "MALE", "peacemaker-2"}),
            Map.entry(235, new String[] {"王", "庆丰", "MALE", "peacemaker-3"}),
            Map.entry(104, new String[] {"卫", "东升", "MALE", "agent-1"}),
            Map.entry(20, new String[] {"蒋", "海涛", "MALE", "grid-dongding-1"}),
            Map.entry(107, new String[] {"李", "守田", "MALE", "13810000001"}),
            Map.entry(108, new String[] {"沈", "桂芳", "FEMALE", "13810000002"}));

    private final RegistryLoader loader;
    private final AreaRepository areas;
    private final UserAccountRepository users;

    DemoRegistry(RegistryLoader loader, AreaRepository areas, UserAccountRepository users) {
        this.loader = loader;
        this.areas = areas;
        this.users = users;
    }

    @Override
    public void seed() {
        long started = System.nanoTime();
        int added = dongding() + songheyuan() + kuiwenmen();
        if (added > 0) {
            log.info("demo registry: {} households added in {} ms", added, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private int dongding() {
        long village = areaId(DemoDongding.VILLAGE);
        DemoLedger ledger = new DemoLedger(20_220_320L, "370304");
        int[] firstOfGrid = {0, 110, 190, 260, 330};
        List<DemoLedger.Home> homes = ledger.households(330, 1035, i -> String.format("DD-%04d", i + 1), i -> gridOf(firstOfGrid, i),
                i -> dongdingAddress(firstOfGrid, i), i -> {
                    String[] h = DONGDING_HEADS.get(i);
                    return h == null ? null : new DemoLedger.Head(h[0], h[1], h[2]);
                });
        Map<String, DemoLedger.Member> named = new HashMap<>();
        DONGDING_HEADS.forEach((i, h) -> named.put(h[3], homes.get(i).head()));
        roles(named);
        // 代办员: a party member in each stretch of 10 households looks after all 10 (卫 the stretch of DD-0101…DD-0110)
        for (int block = 0; block < 33; block++) {
            DemoLedger.Member agent = block == 10 ? named.get("agent-1") : homes.get(block * 10 + ledger.nextInt(10)).head();
            if (named.containsValue(agent) && block != 10) {
                agent = homes.get(block * 10 + (homes.indexOf(homesOf(homes, agent)) % 10 + 1) % 10).head();
            }
            agent.roles.add(CivicRole.AGENT);
            agent.roles.add(CivicRole.PARTY_MEMBER);
            for (int i = block * 10; i < block * 10 + 10; i++) {
                homes.get(i).agent = agent;
            }
        }
        List<DemoLedger.Member> people = homes.stream().flatMap(h -> h.members.stream()).filter(DemoLedger.Member::adult).toList();
        List<DemoLedger.Member> plain = new ArrayList<>(people.stream().filter(m -> !named.containsValue(m) && m.roles.isEmpty()).toList());
        // the two committees: 陈 (secretary, a party member), 孙 (director), and five more, three of them party members
        for (int i = 0; i < 5; i++) {
            DemoLedger.Member m = plain.remove(ledger.nextInt(plain.size()));
            m.roles.add(CivicRole.COMMITTEE_MEMBER);
            if (i < 3) {
                m.roles.add(CivicRole.PARTY_MEMBER);
            }
        }
        // party members up to 49, representatives 45 (some of them party members), a grid worker in each other grid
        List<DemoLedger.Member> all = homes.stream().flatMap(h -> h.members.stream()).toList();
        while (all.stream().filter(m -> m.roles.contains(CivicRole.PARTY_MEMBER)).count() < 49) {
            plain.remove(ledger.nextInt(plain.size())).roles.add(CivicRole.PARTY_MEMBER);
        }
        List<DemoLedger.Member> candidates = new ArrayList<>(people.stream().filter(m -> !named.containsValue(m)
                && !m.roles.contains(CivicRole.COMMITTEE_MEMBER)).toList());
        for (int i = 0; i < 45; i++) {
            candidates.remove(ledger.nextInt(candidates.size())).roles.add(CivicRole.REPRESENTATIVE);
        }
        for (int g = 1; g < 4; g++) {
            homes.get(firstOfGrid[g] + 5).head().roles.add(CivicRole.GRID_WORKER);
        }
        Long[] grids = gridIds(DemoDongding.VILLAGE, 4);
        int added = loader.loadHouseholds(village, homes.stream().map(h -> household(h, grids[h.grid])).toList());
        // the legal advisers come from a law firm in 张店区 (the city's 370303)
        DemoLedger city = new DemoLedger(370_303L, "370303");
        List<DemoLedger.Member> lawyers = List.of(city.single("冯", "正明", true, 1979), city.single("褚", "慧", false, 1985));
        lawyers.forEach(l -> l.roles.add(CivicRole.LEGAL_ADVISER));
        loader.loadPeople(village, lawyers.stream().map(DemoRegistry::person).toList());
        named.put("lawyer-1", lawyers.get(0));
        named.put("lawyer-2", lawyers.get(1));
        named.forEach((account, m) -> users.findByUsername(account).ifPresent(u -> loader.linkAccount(village, m.idNumber, u.getId())));
        return added;
    }

    /** The named people's roles, as the accounts say (parts.md). */
    private static void roles(Map<String, DemoLedger.Member> named) {
        named.get("committee-dongding").roles.addAll(Set.of(CivicRole.PARTY_MEMBER, CivicRole.COMMITTEE_MEMBER));
        named.get("committee-dongding-2").roles.add(CivicRole.COMMITTEE_MEMBER);
        for (String m : new String[] {"mediator", "mediator-2", "mediator-3"}) {
            named.get(m).roles.add(CivicRole.MEDIATOR);
        }
        for (String m : new String[] {"peacemaker-1", "peacemaker-2", "peacemaker-3"}) {
            named.get(m).roles.add(CivicRole.PEACEMAKER);
        }
        named.get("grid-dongding-1").roles.add(CivicRole.GRID_WORKER);
    }

    private static DemoLedger.Home homesOf(List<DemoLedger.Home> homes, DemoLedger.Member m) {
        return homes.stream().filter(h -> h.members.contains(m)).findFirst().orElseThrow();
    }

    private static int gridOf(int[] first, int i) {
        int g = 0;
        while (i >= first[g + 1]) {
            g++;
        }
        return g;
    }

    /** 老村西街 n号 (第一网格), 老村东街 n号 (第二网格), 新村 1–11 号楼 (第三网格), 新村 12–22 号楼 (第四网格). */
    private static String dongdingAddress(int[] first, int i) {
        int g = gridOf(first, i);
        int k = i - first[g];
        return switch (g) {
            case 0 -> "东顶村老村西街" + (k + 1) + "号";
            case 1 -> "东顶村老村东街" + (k + 1) + "号";
            default -> "东顶村新村" + flat(g == 2 ? 1 : 12, 11, k);
        };
    }

    /** The k-th flat of {@code buildings} buildings numbered from {@code from}: 3号楼2单元501. */
    private static String flat(int from, int buildings, int k) {
        int slot = k / buildings;
        return (from + k % buildings) + "号楼" + (1 + slot % 2) + "单元" + (1 + slot / 2) + "0" + (1 + (k / (buildings * 8)) % 2);
    }

    private int songheyuan() {
        long community = areaId(DemoVillage.SONGHEYUAN);
        DemoLedger ledger = new DemoLedger(370_705_001_001L, "370705");
        Map<Integer, DemoLedger.Head> heads = Map.of(0, new DemoLedger.Head("马", "振华", "MALE"), 1, new DemoLedger.Head("何", "丽娟", "FEMALE"));
        List<DemoLedger.Home> homes = ledger.households(120, 326, i -> String.format("SHY-%04d", i + 1), i -> i / 30,
                i -> "十四甲小区" + flat(1 + (i / 30) * 3, 3, i % 30), heads::get);
        representatives(ledger, homes, 10, 14);
        Long[] grids = gridIds(DemoVillage.SONGHEYUAN, 4);
        int added = loader.loadHouseholds(community, homes.stream().map(h -> household(h, grids[h.grid])).toList());
        link(community, "13800000001", homes.get(0).head());
        link(community, "13800000002", homes.get(1).head());
        return added;
    }

    private int kuiwenmen() {
        long community = areaId(DemoVillage.KUIWENMEN);
        DemoLedger ledger = new DemoLedger(370_705_001_002L, "370705");
        List<DemoLedger.Home> homes = ledger.households(80, 212, i -> String.format("KWM-%04d", i + 1), i -> 0,
                i -> "南大街小区" + flat(1, 8, i), i -> null);
        representatives(ledger, homes, 6, 9);
        Long grid = gridIds(DemoVillage.KUIWENMEN, 1)[0];
        return loader.loadHouseholds(community, homes.stream().map(h -> household(h, grid)).toList());
    }

    /** A community's residents' representatives and party members among its adults. */
    private static void representatives(DemoLedger ledger, List<DemoLedger.Home> homes, int representatives, int partyMembers) {
        List<DemoLedger.Member> adults = new ArrayList<>(homes.stream().flatMap(h -> h.members.stream()).filter(DemoLedger.Member::adult).toList());
        adults.remove(homes.get(0).head());
        adults.remove(homes.get(1).head());
        for (int i = 0; i < representatives; i++) {
            adults.get(ledger.nextInt(adults.size())).roles.add(CivicRole.REPRESENTATIVE);
        }
        for (int i = 0; i < partyMembers; i++) {
            adults.remove(ledger.nextInt(adults.size())).roles.add(CivicRole.PARTY_MEMBER);
        }
    }

    private void link(long areaId, String account, DemoLedger.Member m) {
        users.findByUsername(account).ifPresent(u -> loader.linkAccount(areaId, m.idNumber, u.getId()));
    }

    private static NewHousehold household(DemoLedger.Home h, Long gridId) {
        return new NewHousehold(h.code, gridId, h.address, h.phone, h.agent == null ? null : h.agent.idNumber,
                h.members.stream().map(DemoRegistry::person).toList());
    }

    private static NewPerson person(DemoLedger.Member m) {
        return new NewPerson(m.name, m.gender, m.birth, m.idNumber, m.phone, m.relation, Set.copyOf(m.roles));
    }

    private long areaId(String code) {
        return areas.findByCode(code).orElseThrow(() -> new IllegalStateException("demo area " + code + " missing")).getId();
    }

    /** The ids of a community's grids G1…Gn (looked up once: an area is an entity with its outline). */
    private Long[] gridIds(String community, int grids) {
        Long[] out = new Long[grids];
        for (int g = 0; g < grids; g++) {
            out[g] = areaId(community + "-G" + (g + 1));
        }
        return out;
    }
}
