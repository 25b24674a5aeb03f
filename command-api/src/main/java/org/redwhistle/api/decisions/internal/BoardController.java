package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.decisions.Step;
import org.redwhistle.api.decisions.internal.MatterStore.MatterRow;
import org.redwhistle.api.decisions.internal.MatterStore.StepRow;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * A village's public board (公开栏), readable without logging in ({@code GET /api/v1/public/villages/{code}/board}):
 * the resolutions made public and the results of carrying them out, with their dates and, for each of
 * the four meetings, the figures (应到/实到/赞成/反对/弃权) and the rule it was counted under. Nobody's name,
 * no chair, no attendance list: only what the village made public.
 */
@RestController
public class BoardController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MatterStore store;
    private final MatterKindStore kinds;
    private final VoteRuleStore rules;
    private final AreaDirectory areas;
    private final Blocking blocking;
    private final Clock clock;

    public BoardController(MatterStore store, MatterKindStore kinds, VoteRuleStore rules, AreaDirectory areas, Blocking blocking, Clock clock) {
        this.store = store;
        this.kinds = kinds;
        this.rules = rules;
        this.areas = areas;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** One meeting's figures: members (应到), present (实到), the votes, the rule in words and the system's outcome. */
    public record BoardMeeting(Step step, String stepLabel, LocalDate heldOn, String ruleName, String ruleText, int members, int present, int yes,
            int no, int abstain, boolean passed, String outcome) {
    }

    /** 实施结果公开. */
    public record BoardResult(LocalDate publishedOn, String text, String figures) {
    }

    /** A resolution on the board: {@code onDisplay} while its period of display lasts; {@code result} once the result was made public. */
    public record BoardItem(long matterId, String title, String kindLabel, boolean major, BigDecimal amountYuan, boolean passed, LocalDate resolvedOn,
            LocalDate publishedOn, LocalDate displayUntil, boolean onDisplay, String text, List<BoardMeeting> meetings, BoardResult result) {
    }

    /** The board of a village: its name and town, today's date in China, the items latest first. */
    public record Board(String villageCode, String villageName, String townName, LocalDate today, Instant generatedAt, List<BoardItem> items) {
    }

    @GetMapping("/api/v1/public/villages/{code}/board")
    public Mono<Board> villageBoard(@PathVariable String code) {
        if (code == null || !code.matches("[0-9A-Za-z-]{1,40}")) {
            throw ApiException.notFound("village " + code);
        }
        return blocking.call(() -> {
            Map<Long, AreaRef> all = areas.all();
            AreaRef village = all.values().stream().filter(a -> a.code().equals(code) && a.level() == AreaLevel.COMMUNITY).findFirst()
                    .orElseThrow(() -> ApiException.notFound("village " + code));
            AreaRef town = village.parentId() == null ? null : all.get(village.parentId());
            LocalDate today = LocalDate.now(clock.withZone(CHINA));
            Map<String, String> kindNames = new java.util.HashMap<>();
            kinds.all().forEach(k -> kindNames.put(k.code(), k.name()));
            Map<String, String> ruleNames = new java.util.HashMap<>();
            rules.all().forEach(r -> ruleNames.put(r.code(), r.name()));
            List<MatterRow> published = store.published(village.id());
            Map<Long, List<StepRow>> steps = store.validSteps(published.stream().map(MatterRow::id).toList());
            List<BoardItem> items = published.stream().map(m -> new BoardItem(m.id(), m.title(), kindNames.getOrDefault(m.kind(), m.kind()), m.major(),
                    m.amountYuan(), Boolean.TRUE.equals(m.resolutionPassed()), m.resolvedOn(), m.publishedOn(), m.displayUntil(),
                    m.displayUntil() != null && !today.isAfter(m.displayUntil()) && !today.isBefore(m.publishedOn()), m.publicationText(),
                    steps.getOrDefault(m.id(), List.of()).stream().filter(s -> s.round() == m.round())
                            .map(s -> new BoardMeeting(s.step(), s.step().label(), s.heldOn(), ruleNames.getOrDefault(s.ruleCode(), s.ruleCode()),
                                    s.ruleText(), s.tally().members(), s.tally().present(), s.tally().yes(), s.tally().no(), s.tally().abstain(),
                                    s.tally().passed(), s.tally().outcome()))
                            .toList(),
                    m.resultPublishedAt() == null ? null : new BoardResult(m.resultOn(), m.resultText(), m.resultFigures()))).toList();
            return new Board(village.code(), village.name(), town == null ? null : town.name(), today, clock.instant(), items);
        });
    }
}
