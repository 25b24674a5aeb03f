package org.redwhistle.api.demo.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.IdNumbers;

/**
 * A deterministic, fictitious ledger of a village or community for the demo: households of one to six
 * people (head, spouse, children, a parent, a grandchild) whose sizes add up to the wanted population,
 * names from common surnames, valid-checksum ID numbers of the area's prefix, phones of the reserved
 * 13x ranges. The same seed gives the same ledger, so seeding again finds everything already there.
 */
final class DemoLedger {

    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String[] MALE = {"建国", "志强", "海涛", "德顺", "文华", "立新", "东升", "守田", "春生", "国庆", "明", "伟", "磊", "军", "勇", "强",
        "永福", "庆丰", "长海", "子豪", "浩然", "宇轩", "俊杰", "振华", "玉林", "洪波", "金山", "树森"};
    private static final String[] FEMALE = {"秀英", "桂芳", "玉兰", "丽娟", "春梅", "淑珍", "美玲", "红霞", "秀兰", "凤英", "芳", "静", "敏", "燕", "丽",
        "艳", "雪梅", "晓燕", "欣怡", "梓涵", "思雨", "雨桐", "慧", "婷", "海燕", "素珍", "翠兰", "金凤"};
    private static final String[] RELATIONS = {"户主", "配偶", "子女", "子女", "父母", "孙子女"};

    /** A person of the plan (roles are added by the village's own plan). */
    static final class Member {
        final String name;
        final String gender;
        final LocalDate birth;
        final String idNumber;
        final String phone;
        final String relation;
        final Set<CivicRole> roles = EnumSet.noneOf(CivicRole.class);

        Member(String name, String gender, LocalDate birth, String idNumber, String phone, String relation) {
            this.name = name;
            this.gender = gender;
            this.birth = birth;
            this.idNumber = idNumber;
            this.phone = phone;
            this.relation = relation;
        }

        boolean adult() {
            return birth.getYear() <= 2004;
        }
    }

    /** A household of the plan; {@code grid} the grid's index, {@code agent} its 代办员 (null: none yet). */
    static final class Home {
        final String code;
        final int grid;
        final String address;
        final String phone;
        final List<Member> members;
        Member agent;

        Home(String code, int grid, String address, String phone, List<Member> members) {
            this.code = code;
            this.grid = grid;
            this.address = address;
            this.phone = phone;
            this.members = members;
        }

        Member head() {
            return members.get(0);
        }
    }

    /** What fixes a household's head: surname, given name and gender (the demo's accounts are these people). */
    record Head(String surname, String given, String gender) {
    }

    private final Random random;
    private final String areaPrefix;
    private final Set<String> ids = new HashSet<>();
    private int phones;

    DemoLedger(long seed, String areaPrefix) {
        this.random = new Random(seed);
        this.areaPrefix = areaPrefix;
    }

    /**
     * {@code count} households with {@code people} people in all; {@code code}, {@code grid} and {@code address} by index;
     * {@code heads} fixes some households' heads (index → head, null elsewhere).
     */
    List<Home> households(int count, int people, IntFunction<String> code, IntFunction<Integer> grid, IntFunction<String> address,
            IntFunction<Head> heads) {
        int[] sizes = sizes(count, people);
        List<Home> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Head fixed = heads.apply(i);
            String surname = fixed != null ? fixed.surname() : surname();
            List<Member> members = new ArrayList<>();
            boolean male = fixed != null ? fixed.gender().equals("MALE") : random.nextInt(100) < 78;
            int headYear = 1948 + random.nextInt(45);
            members.add(person(surname, fixed != null ? fixed.given() : null, male, year(headYear), "户主", true));
            for (int k = 1; k < sizes[i]; k++) {
                String relation = RELATIONS[k];
                switch (relation) {
                    case "配偶" -> members.add(person(surname(), null, !male, year(headYear + random.nextInt(7) - 3), relation, true));
                    case "子女" -> members.add(person(surname, null, random.nextBoolean(), year(headYear + 23 + random.nextInt(10) + (k - 2) * 3), relation,
                            headYear + 23 < 2004));
                    case "父母" -> members.add(person(surname, null, random.nextBoolean(), year(Math.max(1930, headYear - 24 - random.nextInt(8))), relation,
                            false));
                    default -> members.add(person(surname, null, random.nextBoolean(), year(Math.min(2022, headYear + 46 + random.nextInt(10))),
                            relation, false));
                }
            }
            String phone = random.nextInt(10) < 2 ? String.format("0533-41%05d", random.nextInt(100000)) : members.get(0).phone;
            out.add(new Home(code.apply(i), grid.apply(i), address.apply(i), phone, members));
        }
        return out;
    }

    /** A person without a household (a legal adviser from a law firm in the city). */
    Member single(String surname, String given, boolean male, int year) {
        return person(surname, given, male, year(year), null, true);
    }

    /** Household sizes from 1 to 6 (most 2–4) adding up to {@code people}. */
    private int[] sizes(int count, int people) {
        int[] weights = {10, 24, 30, 20, 10, 6};
        int[] sizes = new int[count];
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int r = random.nextInt(100);
            int s = 0;
            while (r >= weights[s]) {
                r -= weights[s++];
            }
            sizes[i] = s + 1;
            sum += sizes[i];
        }
        while (sum != people) {
            int i = random.nextInt(count);
            if (sum < people && sizes[i] < 6) {
                sizes[i]++;
                sum++;
            } else if (sum > people && sizes[i] > 1) {
                sizes[i]--;
                sum--;
            }
        }
        return sizes;
    }

    private Member person(String surname, String given, boolean male, LocalDate birth, String relation, boolean withPhone) {
        String name = surname + (given != null ? given : (male ? MALE : FEMALE)[random.nextInt(MALE.length)]);
        String id;
        do {
            int seq = random.nextInt(500) * 2 + (male ? 1 : 0);
            id = IdNumbers.of(areaPrefix, birth, seq);
        } while (!ids.add(id));
        String phone = withPhone && birth.getYear() <= 2004 ? String.format("13%d%08d", 5 + random.nextInt(5), 20_000_000 + phones++ * 7919 % 79_999_999)
                : null;
        return new Member(name, male ? "MALE" : "FEMALE", birth, id, phone, relation);
    }

    private LocalDate year(int year) {
        return LocalDate.of(Math.min(year, 2023), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private String surname() {
        return String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
