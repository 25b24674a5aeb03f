package org.redwhistle.api.registry.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.sheets.SheetReader;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.IdNumbers;
import org.redwhistle.api.registry.Person;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.stereotype.Component;

/**
 * Imports a village's ledger from a file: every row checked, the rows without an error written and
 * the others reported (row as the spreadsheet numbers it, column, value, reason in Chinese). Matching
 * is by 户号 (a household) and 身份证号 (a person) within the village, so a corrected file uploaded
 * again adds what was missing and changes what differs, and nothing else; a dry run checks and counts
 * without writing. Every household and person created or changed is audited like a form's edit.
 */
@Component
class LedgerImport {

    /** A reason a row was not imported. */
    public record RowError(int row, String column, String value, String reason) {
    }

    /**
     * What an import did (or, in a dry run, would do): the data rows read, those imported and those refused, the households
     * and people created, changed and already as the file says, and the refused rows' reasons.
     */
    public record ImportResult(boolean dryRun, String fileKind, int rows, int validRows, int invalidRows, int householdsCreated,
            int householdsUpdated, int peopleCreated, int peopleUpdated, int peopleUnchanged, List<RowError> errors) {
    }

    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?|(\\d{4})(\\d{2})(\\d{2})");

    /** A row's values, read and checked. */
    private record Row(int number, String code, String address, Long gridId, String householdPhone, String name, String gender, LocalDate birth,
            String idNumber, String relation, String mobile, Set<CivicRole> roles) {
    }

    private final RegistryStore store;
    private final RegistryAccess access;
    private final AuditLog audit;

    LedgerImport(RegistryStore store, RegistryAccess access, AuditLog audit) {
        this.store = store;
        this.access = access;
        this.audit = audit;
    }

    ImportResult run(String actor, AreaRef village, byte[] bytes, String fileName, boolean dryRun) {
        SheetReader.Sheet sheet = SheetReader.read(bytes);
        if (sheet.lines().isEmpty()) {
            throw ApiException.badField("file", "文件中没有内容：第一行应为表头（请下载模板）");
        }
        Map<LedgerColumns, Integer> at = LedgerColumns.locate(sheet.lines().get(0).cells());
        List<SheetReader.Line> data = sheet.lines().subList(1, sheet.lines().size());
        if (data.isEmpty()) {
            throw ApiException.badField("file", "文件只有表头，没有数据行");
        }
        Map<String, Household> households = store.householdsByCode(village.id());
        Map<Long, String> codeOf = new HashMap<>();
        households.values().forEach(h -> codeOf.put(h.id(), h.code()));
        Map<String, Person> people = store.peopleByIdNumber(village.id());
        List<AreaRef> grids = access.grids(village.id());

        List<RowError> errors = new ArrayList<>();
        List<Row> valid = new ArrayList<>();
        Map<String, Integer> idRows = new HashMap<>();
        Map<String, Row> firstOfHousehold = new HashMap<>();
        for (SheetReader.Line line : data) {
            List<RowError> mine = new ArrayList<>();
            Row row = read(line, at, grids, village, mine);
            if (mine.isEmpty()) {
                String id = row.idNumber();
                Integer earlier = idRows.putIfAbsent(id, row.number());
                if (earlier != null) {
                    mine.add(new RowError(row.number(), LedgerColumns.ID_NUMBER.header, id, "与第 " + earlier + " 行的身份证号重复"));
                }
                Person known = people.get(id);
                if (known != null && known.householdId() != null && !row.code().equals(codeOf.get(known.householdId()))) {
                    mine.add(new RowError(row.number(), LedgerColumns.ID_NUMBER.header, id,
                            "此身份证号已登记在户号 " + codeOf.get(known.householdId()) + " 的 " + known.name() + " 名下"));
                }
                Row first = firstOfHousehold.get(row.code());
                if (first != null && !first.address().equals(row.address())) {
                    mine.add(new RowError(row.number(), LedgerColumns.ADDRESS.header, row.address(),
                            "与第 " + first.number() + " 行同一户号（" + row.code() + "）的地址“" + first.address() + "”不一致"));
                }
                if (first != null && row.gridId() != null && first.gridId() != null && !first.gridId().equals(row.gridId())) {
                    mine.add(new RowError(row.number(), LedgerColumns.GRID.header, line.cell(at.get(LedgerColumns.GRID)),
                            "与第 " + first.number() + " 行同一户号（" + row.code() + "）的网格不一致"));
                }
                if (mine.isEmpty()) {
                    firstOfHousehold.putIfAbsent(row.code(), row);
                    valid.add(row);
                }
            }
            errors.addAll(mine);
        }
        int[] counts = new int[5];
        Map<String, List<Row>> byHousehold = new LinkedHashMap<>();
        valid.forEach(r -> byHousehold.computeIfAbsent(r.code(), k -> new ArrayList<>()).add(r));
        String reason = "导入 " + (fileName == null ? "台账文件" : fileName);
        for (Map.Entry<String, List<Row>> e : byHousehold.entrySet()) {
            long householdId = household(actor, village.id(), households.get(e.getKey()), e.getValue(), dryRun, reason, counts);
            for (Row r : e.getValue()) {
                person(actor, village.id(), householdId, people.get(r.idNumber()), r, at.containsKey(LedgerColumns.ROLES), dryRun, reason, counts);
            }
        }
        int invalidRows = (int) errors.stream().mapToInt(RowError::row).distinct().count();
        ImportResult result = new ImportResult(dryRun, sheet.kind(), data.size(), valid.size(), invalidRows, counts[0], counts[1], counts[2],
                counts[3], counts[4], errors);
        if (!dryRun) {
            audit.record(actor, "registry.imported", "area", String.valueOf(village.id()), reason, Map.of("file", fileName == null ? "" : fileName,
                    "kind", sheet.kind(), "rows", result.rows(), "validRows", result.validRows(), "invalidRows", result.invalidRows(),
                    "householdsCreated", counts[0], "householdsUpdated", counts[1], "peopleCreated", counts[2], "peopleUpdated", counts[3]));
        }
        return result;
    }

    /** Creates or updates the household from its rows (address and grid of the first row, the first phone given); its id (0 in a dry run of a new one). */
    private long household(String actor, long areaId, Household old, List<Row> rows, boolean dryRun, String reason, int[] counts) {
        Row first = rows.get(0);
        String phone = rows.stream().map(Row::householdPhone).filter(Objects::nonNull).findFirst().orElse(old == null ? null : old.phone());
        Long gridId = first.gridId() != null ? first.gridId() : old == null ? null : old.gridId();
        if (old == null) {
            counts[0]++;
            if (dryRun) {
                return 0;
            }
            long id = store.insertHousehold(areaId, gridId, first.code(), first.address(), phone);
            Household h = new Household(id, areaId, gridId, first.code(), first.address(), phone, null);
            audit.record(actor, "registry.household.created", "household", String.valueOf(id), reason,
                    Map.of("code", h.code(), "changed", RegistryEditing.changes(new Household(id, areaId, null, null, null, null, null), h)));
            return id;
        }
        Household h = new Household(old.id(), areaId, gridId, old.code(), first.address(), phone, old.agentId());
        Map<String, Object> changed = RegistryEditing.changes(old, h);
        if (!changed.isEmpty()) {
            counts[1]++;
            if (!dryRun) {
                store.updateHousehold(h.id(), h.gridId(), h.code(), h.address(), h.phone(), h.agentId());
                audit.record(actor, "registry.household.updated", "household", String.valueOf(h.id()), reason, Map.of("code", h.code(), "changed", changed));
            }
        }
        return old.id();
    }

    private void person(String actor, long areaId, long householdId, Person old, Row r, boolean withRoles, boolean dryRun, String reason, int[] counts) {
        Set<CivicRole> roles = withRoles ? r.roles() : old == null ? Set.of() : old.roles();
        if (old == null) {
            counts[2]++;
            if (!dryRun) {
                long id = store.insertPerson(areaId, householdId, r.name(), r.gender(), r.birth(), r.idNumber(), r.mobile(), r.relation(), null, roles);
                Person p = new Person(id, areaId, householdId, r.name(), r.gender(), r.birth(), r.idNumber(), r.mobile(), r.relation(), null, true, roles);
                audit.record(actor, "registry.person.created", "person", String.valueOf(id), reason, Map.of("name", p.name(), "changed",
                        RegistryEditing.changes(new Person(id, areaId, null, null, null, null, null, null, null, null, true, Set.of()), p)));
            }
            return;
        }
        Person p = new Person(old.id(), areaId, householdId, r.name(), r.gender(), r.birth(), old.idNumber(), r.mobile() != null ? r.mobile() : old.phone(),
                r.relation(), old.userId(), true, roles);
        Map<String, Object> changed = RegistryEditing.changes(old, p);
        if (changed.isEmpty()) {
            counts[4]++;
            return;
        }
        counts[3]++;
        if (!dryRun) {
            store.updatePerson(p);
            audit.record(actor, "registry.person.updated", "person", String.valueOf(p.id()), reason, Map.of("name", p.name(), "changed", changed));
        }
    }

    /** A line's values; what is wrong with them added to {@code errors}. */
    private static Row read(SheetReader.Line line, Map<LedgerColumns, Integer> at, List<AreaRef> grids, AreaRef village, List<RowError> errors) {
        int n = line.number();
        Map<LedgerColumns, String> v = new java.util.EnumMap<>(LedgerColumns.class);
        at.forEach((c, i) -> {
            String cell = line.cell(i);
            if (cell != null) {
                v.put(c, cell);
            }
        });
        for (LedgerColumns c : LedgerColumns.values()) {
            if (c.required && !v.containsKey(c)) {
                errors.add(new RowError(n, c.header, "", c.header + "必填"));
            }
        }
        String code = v.get(LedgerColumns.CODE);
        if (code != null && code.length() > LedgerRules.MAX_CODE) {
            errors.add(new RowError(n, LedgerColumns.CODE.header, code, "户号最多 " + LedgerRules.MAX_CODE + " 个字符"));
        }
        String address = v.get(LedgerColumns.ADDRESS);
        if (address != null && address.length() > LedgerRules.MAX_ADDRESS) {
            errors.add(new RowError(n, LedgerColumns.ADDRESS.header, address, "地址最多 " + LedgerRules.MAX_ADDRESS + " 个字"));
        }
        Long gridId = null;
        String grid = v.get(LedgerColumns.GRID);
        if (grid != null) {
            AreaRef g = grid(grids, grid);
            if (g == null) {
                errors.add(new RowError(n, LedgerColumns.GRID.header, grid, "网格“" + grid + "”不属于" + village.name() + "（本村网格："
                        + String.join("、", grids.stream().map(AreaRef::name).toList()) + "）"));
            } else {
                gridId = g.id();
            }
        }
        String householdPhone = v.get(LedgerColumns.HOUSEHOLD_PHONE);
        LedgerRules.phoneProblem(householdPhone).ifPresent(m -> errors.add(new RowError(n, LedgerColumns.HOUSEHOLD_PHONE.header, householdPhone, m)));
        String name = v.get(LedgerColumns.NAME);
        if (name != null && name.length() > LedgerRules.MAX_NAME) {
            errors.add(new RowError(n, LedgerColumns.NAME.header, name, "姓名最多 " + LedgerRules.MAX_NAME + " 个字"));
        }
        String genderWord = v.get(LedgerColumns.GENDER);
        String gender = LedgerRules.gender(genderWord);
        if (genderWord != null && gender == null) {
            errors.add(new RowError(n, LedgerColumns.GENDER.header, genderWord, "性别应填“男”或“女”"));
        }
        String birthText = v.get(LedgerColumns.BIRTH_DATE);
        LocalDate birth = birthText == null ? null : date(birthText);
        if (birthText != null && birth == null) {
            errors.add(new RowError(n, LedgerColumns.BIRTH_DATE.header, birthText, "出生日期应为有效日期，如 1968-05-12"));
        }
        String id = v.get(LedgerColumns.ID_NUMBER);
        if (id != null) {
            id = id.toUpperCase(Locale.ROOT).replace(" ", "");
            String shown = id;
            if (line.numeric().contains(at.get(LedgerColumns.ID_NUMBER))) {
                errors.add(new RowError(n, LedgerColumns.ID_NUMBER.header, shown,
                        "身份证号被存成了数字（Excel 只保留 15 位有效数字）：请把该列设为“文本”后重新填写"));
                id = null;
            } else {
                java.util.Optional<String> problem = LedgerRules.idProblem(id);
                problem.ifPresent(m -> errors.add(new RowError(n, LedgerColumns.ID_NUMBER.header, shown, m)));
                if (problem.isEmpty()) {
                    LocalDate stated = IdNumbers.birthDate(id).orElseThrow();
                    if (birth != null && !birth.equals(stated)) {
                        errors.add(new RowError(n, LedgerColumns.BIRTH_DATE.header, birthText, "与身份证号中的出生日期 " + stated + " 不一致"));
                    }
                    String statedGender = IdNumbers.gender(id);
                    if (gender != null && !gender.equals(statedGender)) {
                        errors.add(new RowError(n, LedgerColumns.GENDER.header, genderWord, "与身份证号不一致（第 17 位表示"
                                + ("MALE".equals(statedGender) ? "男" : "女") + "性）"));
                    }
                    birth = stated;
                    gender = statedGender;
                } else {
                    id = null;
                }
            }
        }
        String relation = v.get(LedgerColumns.RELATION);
        if (relation != null && relation.length() > 10) {
            errors.add(new RowError(n, LedgerColumns.RELATION.header, relation, "与户主关系最多 10 个字（如 户主、配偶、子女）"));
        }
        String mobile = v.get(LedgerColumns.MOBILE);
        if (mobile != null && line.numeric().contains(at.get(LedgerColumns.MOBILE)) && mobile.endsWith(".0")) {
            mobile = mobile.substring(0, mobile.length() - 2);
        }
        String m = mobile;
        LedgerRules.mobileProblem(mobile).ifPresent(reason -> errors.add(new RowError(n, LedgerColumns.MOBILE.header, m, reason)));
        String roleCell = v.get(LedgerColumns.ROLES);
        StringBuilder unknown = new StringBuilder();
        Set<CivicRole> roles = LedgerRules.roles(roleCell, unknown);
        if (!unknown.isEmpty()) {
            errors.add(new RowError(n, LedgerColumns.ROLES.header, roleCell, "未知身份“" + unknown + "”（可填：" + LedgerRules.knownRoles() + "）"));
        }
        return new Row(n, code, address, gridId, householdPhone, name, gender, birth, id, relation, mobile, roles);
    }

    /** The grid a cell names: by name or code, or the one grid whose name contains the words (第一网格). */
    static AreaRef grid(List<AreaRef> grids, String cell) {
        for (AreaRef g : grids) {
            if (g.name().equals(cell) || g.code().equalsIgnoreCase(cell)) {
                return g;
            }
        }
        List<AreaRef> near = grids.stream().filter(g -> g.name().contains(cell)).toList();
        return near.size() == 1 ? near.get(0) : null;
    }

    static LocalDate date(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return m.group(1) != null ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    : LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
