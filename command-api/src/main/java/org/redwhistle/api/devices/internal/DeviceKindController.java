package org.redwhistle.api.devices.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.devices.contract.AlarmRule;
import org.redwhistle.devices.contract.DeviceKinds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/device-kinds}: the device kinds as their kind files describe them (label, what
 * they send and accept, their declared alarms, their map icon), so the dashboard draws and names a
 * kind added as files without code of its own (docs/device-kinds.md).
 */
@RestController
public class DeviceKindController {

    private final DeviceKindPage page;

    public DeviceKindController() {
        this.page = new DeviceKindPage(DeviceKinds.registry().kinds().stream().map(DeviceKindController::view).toList());
    }

    /** Every kind, by wire name. */
    public record DeviceKindPage(List<DeviceKindView> items) {
    }

    /**
     * One kind.
     *
     * @param kind       its wire name (a device's {@code kind})
     * @param label      what users read (摄像机, 单元楼宇门可视对讲, …)
     * @param mobile     true when its devices move (patrol terminals); the others stay where registered
     * @param snapshots  true when its devices send JPEG snapshots
     * @param positions  true when its devices send position telemetry
     * @param color      its colour on the map, #rrggbb
     * @param iconSvg    its map icon, SVG text
     * @param attributes the place attributes its devices carry, name → meaning
     */
    public record DeviceKindView(String kind, String label, String description, boolean mobile, boolean snapshots, boolean positions,
            String color, String iconSvg, List<KindEvent> events, List<KindCommand> commands, List<KindAlarm> alarms,
            Map<String, String> attributes) {
    }

    /** An event type the kind sends. */
    public record KindEvent(String type, String label) {
    }

    /** A command the kind accepts. */
    public record KindCommand(String command, String label) {
    }

    /** An alarm the kind file declares: its event, optionally past a threshold ({@code when}, e.g. openSeconds ≥ 120). */
    public record KindAlarm(String event, String type, String severity, String title, String when) {
    }

    @GetMapping("/api/v1/device-kinds")
    public Mono<DeviceKindPage> list() {
        return Mono.just(page);
    }

    private static DeviceKindView view(DeviceKinds.Kind k) {
        return new DeviceKindView(k.kind().wire(), k.label(), k.description(), k.mobile(), k.snapshots(), k.positions(), k.color(),
                k.iconSvg(), k.events().stream().map(e -> new KindEvent(e.type().wire(), e.label())).toList(),
                k.commands().stream().map(c -> new KindCommand(c.type().wire(), c.label())).toList(),
                k.alarms().stream().map(DeviceKindController::alarm).toList(), k.attributes());
    }

    private static KindAlarm alarm(AlarmRule r) {
        String when = r.when().map(c -> c.field()
                + c.atLeast().map(v -> " ≥ " + number(v)).orElse("")
                + c.atMost().map(v -> " ≤ " + number(v)).orElse("")
                + c.equalTo().map(v -> " = " + v).orElse("")).orElse(null);
        return new KindAlarm(r.event().wire(), r.alarmType(), r.severity(), r.title(), when);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
