package org.redwhistle.api.allianceduty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.allianceduty.Equipment;
import org.redwhistle.api.allianceduty.EquipmentCondition;
import org.redwhistle.api.allianceduty.internal.EquipmentStore.Issue;
import org.redwhistle.api.allianceduty.internal.EquipmentStore.Item;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.members.Members.MemberView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The alliance's equipment over REST: the kinds, the items of the caller's area (在库 / 已发放 / 损坏 / 遗失) with who
 * holds each, issuing and taking back, a member's holdings and history, and a member's own ({@code …/mine}).
 */
@RestController
public class EquipmentController {

    private final EquipmentService equipment;
    private final EquipmentStore store;
    private final DutyAccess access;
    private final Blocking blocking;
    private final Clock clock;

    EquipmentController(EquipmentService equipment, EquipmentStore store, DutyAccess access, Blocking blocking, Clock clock) {
        this.equipment = equipment;
        this.store = store;
        this.access = access;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** A kind of equipment: its code and the words users read. */
    public record EquipmentKindView(String code, String label) {
    }

    public record EquipmentKindList(List<EquipmentKindView> items) {
    }

    /**
     * An item: {@code status} IN_STOCK (在库), ISSUED (已发放, with its holder since {@code issuedOn}), DAMAGED (损坏) or
     * LOST (遗失).
     */
    public record EquipmentItemView(long id, String kind, String kindLabel, String assetNo, String serial, long areaId, String areaName, String condition,
            String conditionLabel, String status, String statusLabel, Long holderId, String holderName, LocalDate issuedOn) {
    }

    public record EquipmentItemList(List<EquipmentItemView> items) {
    }

    /** One issue of an item to a member; the return's fields stay empty while they hold it. */
    public record EquipmentIssueView(long id, long itemId, String kindLabel, String assetNo, long memberId, String memberName, LocalDate issuedOn,
            String issuedBy, LocalDate returnedOn, String returnedBy, String condition, String conditionLabel, String note) {
    }

    /** An item with every issue of it, the latest first. */
    public record EquipmentItemDetail(EquipmentItemView item, List<EquipmentIssueView> history) {
    }

    /** What a member holds now and every issue to them (a caller who is no member: null member, nothing held). */
    public record EquipmentHoldings(Long memberId, String memberName, List<EquipmentIssueView> holding, List<EquipmentIssueView> history) {
    }

    @GetMapping("/api/v1/alliance/equipment/kinds")
    public Mono<EquipmentKindList> kinds(Caller caller) {
        return blocking.call(() -> new EquipmentKindList(store.kinds().stream().map(k -> new EquipmentKindView(k.code(), k.label())).toList()));
    }

    /** The items of the caller's area; {@code kind} a kind's code, {@code status} IN_STOCK, ISSUED, DAMAGED or LOST. */
    @GetMapping("/api/v1/alliance/equipment/items")
    public Mono<EquipmentItemList> items(Caller caller, @RequestParam(required = false) String kind, @RequestParam(required = false) String status) {
        return blocking.call(() -> {
            Long scope = access.scope(caller);
            List<EquipmentItemView> items = store.items(scope, kind == null || kind.isBlank() ? null : kind).stream().map(EquipmentController::view)
                    .filter(i -> status == null || status.isBlank() || i.status().equalsIgnoreCase(status)).toList();
            return new EquipmentItemList(items);
        });
    }

    /** A new item: {@code kind} (a kind's code), {@code assetNo} (资产编号, unique), {@code serial}, {@code areaId} (default: the caller's). */
    public record EquipmentItemBody(String kind, String assetNo, String serial, Long areaId, String note) {
    }

    @Refuses(status = 409, when = "资产编号 … 已登记，请核对")
    @PostMapping("/api/v1/alliance/equipment/items")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<EquipmentItemDetail> add(Caller caller, @RequestBody EquipmentItemBody body) {
        return blocking.call(() -> {
            EquipmentService.required("kind", body.kind());
            EquipmentService.required("assetNo", body.assetNo());
            long area = access.area(caller, body.areaId(), "areaId");
            long id = equipment.addItem(new Equipment.NewItem(body.kind().trim(), body.assetNo(), body.serial(), area, body.note()),
                    caller.user().username(), clock.instant());
            return detail(id);
        });
    }

    @GetMapping("/api/v1/alliance/equipment/items/{id}")
    public Mono<EquipmentItemDetail> get(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            visible(caller, id);
            return detail(id);
        });
    }

    /** Issue to a member ({@code memberId}) on {@code issuedOn} (YYYY-MM-DD, default today in Asia/Shanghai). */
    public record EquipmentIssueBody(Long memberId, String issuedOn) {
    }

    @Refuses(status = 409, when = "反光背心（GW-VEST-001）已发放给 …，须先收回才能再发放; or the item is damaged or lost")
    @PostMapping("/api/v1/alliance/equipment/items/{id}/issue")
    public Mono<EquipmentItemDetail> issue(Caller caller, @PathVariable long id, @RequestBody EquipmentIssueBody body) {
        return blocking.call(() -> {
            if (body.memberId() == null) {
                throw ApiException.badField("memberId", "required: the member the item is issued to");
            }
            LocalDate on = DutyAccess.day("issuedOn", body.issuedOn(), access.today());
            visible(caller, id);
            MemberView m = access.member(caller, body.memberId());
            equipment.issue(id, m.id(), on, caller.user().username(), clock.instant());
            return detail(id);
        });
    }

    /** Take back from its holder: {@code condition} GOOD (完好), DAMAGED (损坏) or LOST (遗失), {@code returnedOn} (default today), a note. */
    public record EquipmentReturnBody(String condition, String returnedOn, String note) {
    }

    @Refuses(status = 409, when = "反光背心（GW-VEST-001）在库，未发放给任何队员")
    @PostMapping("/api/v1/alliance/equipment/items/{id}/return")
    public Mono<EquipmentItemDetail> giveBack(Caller caller, @PathVariable long id, @RequestBody EquipmentReturnBody body) {
        return blocking.call(() -> {
            if (body.condition() == null || body.condition().isBlank()) {
                throw ApiException.badField("condition", "required: GOOD (完好), DAMAGED (损坏) or LOST (遗失)");
            }
            EquipmentCondition c = Params.enumValue(EquipmentCondition.class, "condition", body.condition());
            LocalDate on = DutyAccess.day("returnedOn", body.returnedOn(), access.today());
            visible(caller, id);
            equipment.giveBack(id, on, c, body.note(), caller.user().username(), clock.instant());
            return detail(id);
        });
    }

    public record EquipmentNoteBody(String note) {
    }

    @Refuses(status = 409, when = "the item is in good condition or in a member's hands")
    @PostMapping("/api/v1/alliance/equipment/items/{id}/repaired")
    public Mono<EquipmentItemDetail> repaired(Caller caller, @PathVariable long id, @RequestBody(required = false) EquipmentNoteBody body) {
        return blocking.call(() -> {
            visible(caller, id);
            equipment.repaired(id, body == null ? null : body.note(), caller.user().username());
            return detail(id);
        });
    }

    @GetMapping("/api/v1/alliance/equipment/members/{id}")
    public Mono<EquipmentHoldings> ofMember(Caller caller, @PathVariable long id) {
        return blocking.call(() -> holdings(access.member(caller, id)));
    }

    /** The caller's own equipment: what they hold and what they held. */
    @GetMapping("/api/v1/alliance/equipment/mine")
    public Mono<EquipmentHoldings> mine(Caller caller) {
        return blocking.call(() -> access.me(caller).map(this::holdings).orElse(new EquipmentHoldings(null, null, List.of(), List.of())));
    }

    private EquipmentHoldings holdings(MemberView m) {
        List<EquipmentIssueView> all = store.historyOfMember(m.id()).stream().map(EquipmentController::view).toList();
        return new EquipmentHoldings(m.id(), m.name(), all.stream().filter(i -> i.returnedOn() == null).toList(), all);
    }

    private void visible(Caller caller, long id) {
        Item item = store.item(id).orElseThrow(() -> ApiException.notFound("equipment item " + id));
        if (!access.reaches(caller, item.areaId())) {
            throw ApiException.notFound("equipment item " + id);
        }
    }

    private EquipmentItemDetail detail(long id) {
        Item item = store.item(id).orElseThrow(() -> ApiException.notFound("equipment item " + id));
        return new EquipmentItemDetail(view(item), store.historyOfItem(id).stream().map(EquipmentController::view).toList());
    }

    static EquipmentItemView view(Item i) {
        String status = i.holderId() != null ? "ISSUED" : i.condition() == EquipmentCondition.GOOD ? "IN_STOCK" : i.condition().name();
        String label = switch (status) {
            case "ISSUED" -> "已发放";
            case "IN_STOCK" -> "在库";
            case "DAMAGED" -> "损坏待修";
            default -> "遗失";
        };
        return new EquipmentItemView(i.id(), i.kind(), i.kindLabel(), i.assetNo(), i.serial(), i.areaId(), i.areaName(), i.condition().name(),
                i.condition().label(), status, label, i.holderId(), i.holderName(), i.issuedOn());
    }

    static EquipmentIssueView view(Issue x) {
        return new EquipmentIssueView(x.id(), x.itemId(), x.kindLabel(), x.assetNo(), x.memberId(), x.memberName(), x.issuedOn(), x.issuedBy(),
                x.returnedOn(), x.returnedBy(), x.condition() == null ? null : x.condition().name(),
                x.condition() == null ? null : x.condition().label(), x.note());
    }
}
