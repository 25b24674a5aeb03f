package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.decisions.MatterKind;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The rules of decisions as data: {@code /api/v1/decisions/rules} (the meetings' quorum and majority,
 * each with the rule in words and its legal basis) and {@code /api/v1/decisions/matter-kinds} (the kinds
 * of matters, the major ones — 重大事项 — marked, 大额开支 with its threshold in yuan). Everyone who takes
 * part in decisions reads them; only administrators change them: the list of what must go to the
 * villagers' representatives is not for the committees it binds to loosen.
 */
@RestController
public class DecisionRulesController {

    private final VoteRuleStore rules;
    private final MatterKindStore kinds;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public DecisionRulesController(VoteRuleStore rules, MatterKindStore kinds, Blocking blocking, TransactionTemplate tx, AuditLog audit) {
        this.rules = rules;
        this.kinds = kinds;
        this.blocking = blocking;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * A meeting's rule: quorum {@code quorumNum}/{@code quorumDen} of the members ({@code quorumStrict}: more than, else at least),
     * majority {@code majorityNum}/{@code majorityDen} of {@code base} (PRESENT or MEMBERS); {@code text} the rule in words, {@code basis} where it comes from.
     */
    public record RuleView(String code, String name, int quorumNum, int quorumDen, boolean quorumStrict, int majorityNum, int majorityDen,
            boolean majorityStrict, VoteRule.Base base, String baseLabel, String basis, String text) {
    }

    public record RuleList(List<RuleView> items) {
    }

    /** A rule as an administrator writes it; every field is required but {@code basis}. */
    public record RuleBody(String name, Integer quorumNum, Integer quorumDen, Boolean quorumStrict, Integer majorityNum, Integer majorityDen,
            Boolean majorityStrict, VoteRule.Base base, String basis) {
    }

    @GetMapping("/api/v1/decisions/rules")
    public Mono<RuleList> voteRules(Caller caller) {
        return blocking.call(this::ruleList);
    }

    @PutMapping("/api/v1/decisions/rules/{code}")
    public Mono<RuleView> updateVoteRule(Caller caller, @PathVariable String code, @RequestBody RuleBody b) {
        VoteRule rule = validRule(code, b);
        return blocking.call(() -> tx.execute(s -> {
            VoteRule old = rules.rule(code).orElseThrow(() -> ApiException.notFound("vote rule " + code));
            rules.update(rule, b.basis() == null || b.basis().isBlank() ? null : b.basis().strip());
            audit.record(caller.user().username(), "vote-rule.updated", "vote_rule", code, null, Map.of("before", old.describe(), "after", rule.describe()));
            return ruleList().items().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
        }));
    }

    private RuleList ruleList() {
        Map<String, String> bases = rules.bases();
        return new RuleList(rules.all().stream().map(r -> new RuleView(r.code(), r.name(), r.quorumNum(), r.quorumDen(), r.quorumStrict(),
                r.majorityNum(), r.majorityDen(), r.majorityStrict(), r.base(), r.base().label(), bases.get(r.code()), r.describe())).toList());
    }

    /** Checks a rule: fractions between 0 and 1 that need somebody; the representatives' meeting not below 村民委员会组织法 art. 26. */
    static VoteRule validRule(String code, RuleBody b) {
        if (b == null || b.name() == null || b.name().isBlank() || b.name().length() > 60) {
            throw ApiException.badField("name", "is required, at most 60 characters");
        }
        String[] names = {"quorumNum", "quorumDen", "quorumStrict", "majorityNum", "majorityDen", "majorityStrict", "base"};
        Object[] values = {b.quorumNum(), b.quorumDen(), b.quorumStrict(), b.majorityNum(), b.majorityDen(), b.majorityStrict(), b.base()};
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                throw ApiException.badField(names[i], "is required");
            }
        }
        if (b.quorumDen() < 1 || b.quorumDen() > 100) {
            throw ApiException.badField("quorumDen", "must be between 1 and 100");
        }
        if (b.quorumNum() < 1 || b.quorumNum() > b.quorumDen()) {
            throw ApiException.badField("quorumNum", "must be between 1 and quorumDen: a meeting needs somebody present");
        }
        if (b.majorityDen() < 1 || b.majorityDen() > 100) {
            throw ApiException.badField("majorityDen", "must be between 1 and 100");
        }
        if (b.majorityNum() < 1 || b.majorityNum() > b.majorityDen()) {
            throw ApiException.badField("majorityNum", "must be between 1 and majorityDen: a motion needs yes votes");
        }
        if (b.quorumStrict() && b.quorumNum().equals(b.quorumDen())) {
            throw ApiException.badField("quorumStrict", "more than all members can never be present");
        }
        if (b.majorityStrict() && b.majorityNum().equals(b.majorityDen())) {
            throw ApiException.badField("majorityStrict", "more than all votes can never be cast");
        }
        if ("REPRESENTATIVES".equals(code)) {
            // 村民委员会组织法 art. 26: at least two thirds present; more than half of those present
            if (b.quorumNum() * 3 < 2 * b.quorumDen()) {
                throw ApiException.badField("quorumNum", "the villagers' representatives' meeting needs at least 2/3 of its members present (村民委员会组织法 第二十六条)");
            }
            if (b.majorityNum() * 2 < b.majorityDen() || (b.majorityNum() * 2 == b.majorityDen() && !b.majorityStrict())) {
                throw ApiException.badField("majorityNum", "a resolution of the villagers' representatives needs more than half of those present (村民委员会组织法 第二十六条)");
            }
        }
        return new VoteRule(code, b.name().strip(), b.quorumNum(), b.quorumDen(), b.quorumStrict(), b.majorityNum(), b.majorityDen(),
                b.majorityStrict(), b.base());
    }

    /** The kinds of matters, the major ones marked; {@code spendingThresholdYuan}: from this amount on any matter is major (大额开支). */
    public record KindList(List<MatterKind> items, BigDecimal spendingThresholdYuan) {
    }

    /** A kind as an administrator writes it ({@code code} only when adding one). */
    public record KindBody(String code, String name, String description, Boolean major, BigDecimal thresholdYuan, Integer sort, Boolean active) {
    }

    @GetMapping("/api/v1/decisions/matter-kinds")
    public Mono<KindList> matterKinds(Caller caller) {
        return blocking.call(() -> new KindList(kinds.all(), kinds.spendingThreshold()));
    }

    @PostMapping("/api/v1/decisions/matter-kinds")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<MatterKind> addMatterKind(Caller caller, @RequestBody KindBody b) {
        if (b == null || b.code() == null || !b.code().matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ApiException.badField("code", "is required: 2–32 capital letters, digits or _, starting with a letter (e.g. WATER_SUPPLY)");
        }
        MatterKind k = validKind(b.code(), b);
        return blocking.call(() -> tx.execute(s -> {
            if (kinds.byCode(b.code()).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "Kind exists", "a kind of matter with code " + b.code() + " exists",
                        List.of(new ApiException.FieldError("code", b.code())));
            }
            kinds.insert(k);
            audit.record(caller.user().username(), "matter-kind.created", "matter_kind", k.code(), null, kindDetail(k));
            return kinds.byCode(k.code()).orElseThrow();
        }));
    }

    @PutMapping("/api/v1/decisions/matter-kinds/{code}")
    public Mono<MatterKind> updateMatterKind(Caller caller, @PathVariable String code, @RequestBody KindBody b) {
        MatterKind k = validKind(code, b);
        return blocking.call(() -> tx.execute(s -> {
            kinds.byCode(code).orElseThrow(() -> ApiException.notFound("kind of matter " + code));
            kinds.update(k);
            audit.record(caller.user().username(), "matter-kind.updated", "matter_kind", code, null, kindDetail(k));
            return kinds.byCode(code).orElseThrow();
        }));
    }

    private static MatterKind validKind(String code, KindBody b) {
        if (b == null || b.name() == null || b.name().isBlank() || b.name().length() > 40) {
            throw ApiException.badField("name", "is required, at most 40 characters");
        }
        if (b.major() == null) {
            throw ApiException.badField("major", "is required: whether the kind is on the list of major matters");
        }
        if (b.thresholdYuan() != null && (b.thresholdYuan().signum() < 0 || b.thresholdYuan().scale() > 2
                || b.thresholdYuan().compareTo(new BigDecimal("999999999999")) > 0)) {
            throw ApiException.badField("thresholdYuan", "yuan, not negative, at most two decimals");
        }
        if (b.thresholdYuan() != null && !b.major()) {
            throw ApiException.badField("thresholdYuan", "only a major kind has a threshold (from which amount its matters are major)");
        }
        if (b.description() != null && b.description().length() > 200) {
            throw ApiException.badField("description", "at most 200 characters");
        }
        return new MatterKind(code, b.name().strip(), b.description(), b.major(), b.thresholdYuan(), b.sort() == null ? 0 : b.sort(),
                b.active() == null || b.active());
    }

    private static Map<String, Object> kindDetail(MatterKind k) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("name", k.name());
        d.put("major", k.major());
        d.put("thresholdYuan", k.thresholdYuan() == null ? null : k.thresholdYuan().toPlainString());
        d.put("active", k.active());
        return d;
    }
}
