package org.redwhistle.api.alliance.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alliance.LedBy;
import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The alliance's teams (each led by a police station or a community police office of its area) and its figures:
 * members in the register by trade and by team, applications waiting, suspended and departed members.
 */
@RestController
public class TeamsController {

    private final TeamStore teams;
    private final AllianceStore store;
    private final AllianceAccess access;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;

    public TeamsController(TeamStore teams, AllianceStore store, AllianceAccess access, AuditLog audit, Blocking blocking, TransactionTemplate tx) {
        this.teams = teams;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.blocking = blocking;
        this.tx = tx;
    }

    /** A team: its area, name, who leads it (kind and name, and the officer when known), and its members in the register. */
    public record AllianceTeam(long id, long areaId, String areaName, String name, String ledByKind, String ledByKindLabel, String ledBy, Long leaderUserId,
            String leaderName, boolean active, long members) {
    }

    public record AllianceTeamList(List<AllianceTeam> items) {
    }

    /** A team's fields: the area (default the caller's), name, POLICE_STATION or POLICE_OFFICE and its name, the leading officer's account. */
    public record AllianceTeamBody(Long areaId, String name, String ledByKind, String ledByName, Long leaderUserId, Boolean active) {
    }

    static AllianceTeam view(TeamStore.Team t) {
        return new AllianceTeam(t.id(), t.areaId(), t.areaName(), t.name(), t.ledBy().name(), t.ledBy().label(), t.ledByName(), t.leaderUser(),
                t.leaderName(), t.active(), t.members());
    }

    @GetMapping("/api/v1/alliance/teams")
    public Mono<AllianceTeamList> list(Caller caller) {
        return blocking.call(() -> {
            AllianceAccess.Reach r = access.reach(caller);
            if (r.userId() != null) {
                // a patrol member sees their own team
                return new AllianceTeamList(store.byUser(r.userId()).filter(m -> m.teamId() != null).flatMap(m -> teams.byId(m.teamId()))
                        .map(TeamsController::view).stream().toList());
            }
            return new AllianceTeamList(teams.list(r.scope()).stream().map(TeamsController::view).toList());
        });
    }

    @PostMapping("/api/v1/alliance/teams")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AllianceTeam> create(Caller caller, @RequestBody AllianceTeamBody b) {
        Checked c = check(b);
        return blocking.call(() -> {
            AreaRef area = access.area(caller, b.areaId());
            long id = tx.execute(s -> {
                long t = unique(() -> teams.insert(area.id(), c.name(), c.ledBy(), c.ledByName(), b.leaderUserId(), b.active() == null || b.active()));
                audit.record(caller.user().username(), "alliance.team.create", "alliance_team", String.valueOf(t), null,
                        Map.of("name", c.name(), "areaId", area.id(), "ledBy", c.ledByName()));
                return t;
            });
            return view(teams.byId(id).orElseThrow());
        });
    }

    @PutMapping("/api/v1/alliance/teams/{id}")
    public Mono<AllianceTeam> update(Caller caller, @PathVariable long id, @RequestBody AllianceTeamBody b) {
        Checked c = check(b);
        return blocking.call(() -> {
            TeamStore.Team t = access.team(caller, id, null);
            AreaRef area = b.areaId() == null ? null : access.area(caller, b.areaId());
            long areaId = area == null ? t.areaId() : area.id();
            tx.execute(s -> {
                unique(() -> {
                    teams.update(id, areaId, c.name(), c.ledBy(), c.ledByName(), b.leaderUserId(), b.active() == null ? t.active() : b.active());
                    return id;
                });
                audit.record(caller.user().username(), "alliance.team.update", "alliance_team", String.valueOf(id), null,
                        Map.of("name", c.name(), "areaId", areaId, "ledBy", c.ledByName(), "active", b.active() == null ? t.active() : b.active()));
                return null;
            });
            return view(teams.byId(id).orElseThrow());
        });
    }

    private record Checked(String name, LedBy ledBy, String ledByName) {
    }

    private static Checked check(AllianceTeamBody b) {
        if (b.name() == null || b.name().isBlank() || b.name().strip().length() > 40) {
            throw ApiException.badField("name", "请填写队伍名称（不超过 40 个字）");
        }
        if (b.ledByKind() == null) {
            throw ApiException.badField("ledByKind", "请选择带队单位：派出所（POLICE_STATION）或社区警务室（POLICE_OFFICE）");
        }
        LedBy kind = Params.enumValue(LedBy.class, "ledByKind", b.ledByKind());
        if (b.ledByName() == null || b.ledByName().isBlank() || b.ledByName().strip().length() > 40) {
            throw ApiException.badField("ledByName", "请填写带队单位的名称，如 广文街道派出所");
        }
        return new Checked(b.name().strip(), kind, b.ledByName().strip());
    }

    private static long unique(java.util.function.LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (DuplicateKeyException e) {
            throw ApiException.badField("name", "该辖区已有同名队伍");
        }
    }

    // ---- figures ----

    public record AllianceTradeCount(String trade, String label, long count) {
    }

    public record AllianceTeamCount(long teamId, String name, String ledBy, long count) {
    }

    /** The figures of the alliance in an area: {@code members} in the register (在册), applications waiting, suspended, departed; in the register by trade and team. */
    public record AllianceSummary(long members, long applied, long suspended, long left, List<AllianceTradeCount> byTrade, List<AllianceTeamCount> byTeam) {
    }

    @GetMapping("/api/v1/alliance/summary")
    public Mono<AllianceSummary> summary(Caller caller, @RequestParam(required = false) Long areaId) {
        return blocking.call(() -> {
            Long scope = areaId != null ? Long.valueOf(access.area(caller, areaId).id()) : access.reach(caller).scope();
            Map<String, Long> byStatus = new java.util.HashMap<>();
            store.countsByStatus(scope).forEach(r -> byStatus.put((String) r[0], (Long) r[1]));
            Map<Trade, Long> trades = new EnumMap<>(Trade.class);
            store.activeByTrade(scope).forEach(r -> trades.put(Trade.valueOf((String) r[0]), (Long) r[1]));
            List<AllianceTradeCount> byTrade = new ArrayList<>();
            for (Trade t : Trade.values()) {
                byTrade.add(new AllianceTradeCount(t.name(), t.label(), trades.getOrDefault(t, 0L)));
            }
            List<AllianceTeamCount> byTeam = teams.list(scope).stream().filter(TeamStore.Team::active)
                    .map(t -> new AllianceTeamCount(t.id(), t.name(), t.ledByName(), t.members())).toList();
            return new AllianceSummary(byStatus.getOrDefault("ACTIVE", 0L), byStatus.getOrDefault("APPLIED", 0L), byStatus.getOrDefault("SUSPENDED", 0L),
                    byStatus.getOrDefault("LEFT", 0L), byTrade, byTeam);
        });
    }
}
