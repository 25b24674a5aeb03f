package org.redwhistle.api.alliance.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.api.sheets.SheetReader;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.stereotype.Component;

/**
 * Imports alliance members from a file (the same reader and error shape as the registry's ledger): every row
 * checked, the rows without an error written and the others reported (row as the spreadsheet numbers it, column,
 * value, reason in Chinese; ID numbers masked). Matching is by ID number, so a corrected file uploaded again adds
 * what was missing and changes what differs, and nothing else; a dry run checks and counts without writing. A row
 * may carry 在册 with a team: the member is in the register with a badge number at once (an account is made at
 * their first vetting-like step, not by the import). Every member created or changed is audited.
 */
@Component
class MemberImport {

    /** A reason a row was not imported. */
    public record AllianceRowError(int row, String column, String value, String reason) {
    }

    /** What an import did (or, in a dry run, would do). */
    public record AllianceImportResult(boolean dryRun, String fileKind, int rows, int validRows, int invalidRows, int created, int updated, int unchanged,
            int activated, List<AllianceRowError> errors) {
    }

    private record Row(int number, String name, String phone, String idNumber, Trade trade, String employer, TeamStore.Team team,
            MembershipStatus status) {
    }

    private final AllianceStore store;
    private final TeamStore teams;
    private final AllianceAccess access;
    private final AuditLog audit;
    private final Clock clock;

    MemberImport(AllianceStore store, TeamStore teams, AllianceAccess access, AuditLog audit, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs in the caller's transaction. */
    AllianceImportResult run(Caller caller, AreaRef area, byte[] bytes, String fileName, boolean dryRun) {
        SheetReader.Sheet sheet = SheetReader.read(bytes);
        if (sheet.lines().isEmpty()) {
            throw ApiException.badField("file", "文件中没有内容：第一行应为表头（请下载模板）");
        }
        Map<ImportColumns, Integer> at = ImportColumns.locate(sheet.lines().get(0).cells());
        List<SheetReader.Line> data = sheet.lines().subList(1, sheet.lines().size());
        if (data.isEmpty()) {
            throw ApiException.badField("file", "文件只有表头，没有数据行");
        }
        AllianceAccess.Reach reach = access.reach(caller);
        String actor = caller.user().username();
        String reason = "导入 " + (fileName == null ? "队员名单" : fileName);
        Instant now = clock.instant();
        List<AllianceRowError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int valid = 0;
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int activated = 0;
        for (SheetReader.Line line : data) {
            List<AllianceRowError> mine = new ArrayList<>();
            Row r = read(line, at, reach, mine);
            Optional<AllianceStore.Row> known = Optional.empty();
            if (mine.isEmpty()) {
                Integer earlier = seen.putIfAbsent(r.idNumber(), r.number());
                if (earlier != null) {
                    mine.add(error(r.number(), ImportColumns.ID_NUMBER, IdNumbers.masked(r.idNumber()), "与第 " + earlier + " 行的身份证号重复"));
                }
                known = store.byIdNumber(r.idNumber());
                if (known.isPresent() && !reach.covers(known.get().areaPath(), known.get().userId())) {
                    mine.add(error(r.number(), ImportColumns.ID_NUMBER, IdNumbers.masked(r.idNumber()), "此身份证号已登记在其他辖区的平安联盟队员名下"));
                } else if (known.isPresent() && r.status() != null && r.status() != known.get().status()
                        && !(known.get().status() == MembershipStatus.APPLIED && r.status() == MembershipStatus.ACTIVE)) {
                    mine.add(error(r.number(), ImportColumns.STATUS, r.status().label(),
                            "该队员当前为「" + known.get().status().label() + "」，不能导入为「" + r.status().label() + "」"));
                }
            }
            errors.addAll(mine);
            if (!mine.isEmpty()) {
                continue;
            }
            valid++;
            if (known.isEmpty()) {
                created++;
                boolean active = r.status() == MembershipStatus.ACTIVE;
                activated += active ? 1 : 0;
                if (!dryRun) {
                    long areaId = r.team() != null ? r.team().areaId() : area.id();
                    String badge = active ? store.nextBadgeNo(access.districtCode(areaId)) : null;
                    MembershipStatus status = active ? MembershipStatus.ACTIVE : MembershipStatus.APPLIED;
                    long id = store.insert(areaId, r.team() == null ? null : r.team().id(), r.name(), r.phone(), r.idNumber(), r.trade(), r.employer(),
                            status, reason, badge, null, null, actor, now, active ? now : null).orElseThrow();
                    store.history(id, null, status, reason, actor, now);
                    audit.record(actor, "alliance.import", "alliance_member", String.valueOf(id), reason, Map.of("to", status.name(), "row", r.number()));
                }
                continue;
            }
            AllianceStore.Row k = known.get();
            Long teamId = r.team() != null ? Long.valueOf(r.team().id()) : k.teamId();
            boolean same = k.name().equals(r.name()) && k.phone().equals(r.phone()) && k.trade() == r.trade() && Objects.equals(k.employer(), r.employer())
                    && Objects.equals(k.teamId(), teamId);
            boolean activate = k.status() == MembershipStatus.APPLIED && r.status() == MembershipStatus.ACTIVE;
            if (same && !activate) {
                unchanged++;
                continue;
            }
            updated++;
            activated += activate ? 1 : 0;
            if (!dryRun) {
                store.updateDetails(k.id(), r.name(), r.phone(), r.trade(), r.employer(), teamId, now);
                if (activate) {
                    store.activate(k.id(), teamId, store.nextBadgeNo(access.districtCode(k.areaId())), now, null, null);
                    store.setStatus(k.id(), MembershipStatus.ACTIVE, reason, now);
                    store.history(k.id(), k.status(), MembershipStatus.ACTIVE, reason, actor, now);
                }
                audit.record(actor, "alliance.import", "alliance_member", String.valueOf(k.id()), reason,
                        Map.of("from", k.status().name(), "to", activate ? "ACTIVE" : k.status().name(), "row", r.number()));
            }
        }
        return new AllianceImportResult(dryRun, sheet.kind(), data.size(), valid, data.size() - valid, created, updated, unchanged, activated, errors);
    }

    private Row read(SheetReader.Line line, Map<ImportColumns, Integer> at, AllianceAccess.Reach reach, List<AllianceRowError> errors) {
        int n = line.number();
        String name = cell(line, at, ImportColumns.NAME);
        String phone = cell(line, at, ImportColumns.PHONE);
        String idNumber = cell(line, at, ImportColumns.ID_NUMBER);
        String trade = cell(line, at, ImportColumns.TRADE);
        String employer = cell(line, at, ImportColumns.EMPLOYER);
        String teamName = cell(line, at, ImportColumns.TEAM);
        String statusText = cell(line, at, ImportColumns.STATUS);
        AllianceRules.name(name).ifPresent(w -> errors.add(error(n, ImportColumns.NAME, name, w)));
        AllianceRules.phone(phone).ifPresent(w -> errors.add(error(n, ImportColumns.PHONE, phone, w)));
        Integer idColumn = at.get(ImportColumns.ID_NUMBER);
        if (idNumber != null && idColumn != null && line.numeric().contains(idColumn)) {
            errors.add(error(n, ImportColumns.ID_NUMBER, IdNumbers.masked(idNumber), "身份证号被存成了数字，末几位已丢失：请把该列设为文本格式后重新填写"));
        } else {
            AllianceRules.idNumber(idNumber).ifPresent(w -> errors.add(error(n, ImportColumns.ID_NUMBER, IdNumbers.masked(idNumber), w)));
        }
        AllianceRules.trade(trade).ifPresent(w -> errors.add(error(n, ImportColumns.TRADE, trade, w)));
        AllianceRules.employer(employer).ifPresent(w -> errors.add(error(n, ImportColumns.EMPLOYER, employer, w)));
        TeamStore.Team team = null;
        if (teamName != null) {
            team = reach.userId() != null ? null : teams.byName(reach.scope(), teamName).orElse(null);
            if (team == null) {
                errors.add(error(n, ImportColumns.TEAM, teamName, "没有这支队伍，或不在您的辖区（请先在「队伍」中建立）"));
            }
        }
        MembershipStatus status = null;
        if (statusText != null) {
            status = MembershipStatus.parse(statusText).filter(s -> s == MembershipStatus.APPLIED || s == MembershipStatus.ACTIVE).orElse(null);
            if (status == null) {
                errors.add(error(n, ImportColumns.STATUS, statusText, "只能填写 待审核 或 在册"));
            } else if (status == MembershipStatus.ACTIVE && teamName == null) {
                errors.add(error(n, ImportColumns.TEAM, null, "状态为在册的队员须填写队伍"));
            }
        }
        return new Row(n, name == null ? null : name.strip(), phone, idNumber == null ? null : idNumber.toUpperCase(), Trade.parse(trade).orElse(null),
                employer, team, status);
    }

    private static String cell(SheetReader.Line line, Map<ImportColumns, Integer> at, ImportColumns c) {
        Integer i = at.get(c);
        return i == null ? null : line.cell(i);
    }

    private static AllianceRowError error(int row, ImportColumns c, String value, String reason) {
        return new AllianceRowError(row, c.header, value, reason);
    }
}
