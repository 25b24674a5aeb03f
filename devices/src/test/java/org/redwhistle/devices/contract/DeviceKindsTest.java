package org.redwhistle.devices.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/** The kinds come from files: every kind file loads, from a directory and from a jar, and a wrong one is refused by name. */
class DeviceKindsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void everyKindFileLoadsWithItsSchemasAndIcon() {
        DeviceKinds.Registry r = DeviceKinds.registry();
        assertThat(r.kinds()).extracting(k -> k.kind().wire()).containsExactly("access_gate", "camera", "face_gate",
                "patrol_terminal", "perimeter_alarm", "video_intercom");
        for (DeviceKinds.Kind k : r.kinds()) {
            assertThat(k.iconSvg()).as(k.kind() + " icon").contains("<svg");
            assertThat(k.label()).as(k.kind() + " label").isNotBlank();
            assertThat(k.events()).as(k.kind() + " heartbeat").extracting(DeviceKinds.Event::type).contains(EventType.DEVICE_HEARTBEAT);
            for (DeviceKinds.Event e : k.events()) {
                assertThat(ContractSchemas.event(e.type()).path("properties").path("type").path("const").asText()).isEqualTo(e.type().wire());
                assertThat(e.label()).isNotBlank();
            }
        }
        assertThat(DeviceKind.VIDEO_INTERCOM.label()).isEqualTo("单元楼宇门可视对讲");
        assertThat(DeviceKind.FACE_GATE.label()).isEqualTo("主路口人脸识别");
        assertThat(DeviceKind.FACE_GATE.sendsSnapshots()).isTrue();
        assertThat(DeviceKind.CAMERA.sendsSnapshots()).isTrue();
        assertThat(DeviceKind.VIDEO_INTERCOM.sendsSnapshots()).isFalse();
        assertThat(DeviceKind.PATROL_TERMINAL.sendsPositions()).isTrue();
        assertThat(DeviceKind.values().stream().filter(DeviceKind::sendsPositions)).containsExactly(DeviceKind.PATROL_TERMINAL);
        assertThat(EventType.fromWire("intercom.door_opened")).containsSame(EventType.INTERCOM_DOOR_OPENED);
        assertThat(EventType.FACE_PASSAGE.allowedFor(DeviceKind.FACE_GATE)).isTrue();
        assertThat(EventType.FACE_PASSAGE.allowedFor(DeviceKind.CAMERA)).isFalse();
        assertThat(CommandType.OPEN_DOOR.acceptedBy(DeviceKind.VIDEO_INTERCOM)).isTrue();
        assertThat(CommandType.OPEN_DOOR.kinds()).containsExactly(DeviceKind.VIDEO_INTERCOM);
        assertThat(CommandType.OPEN_GATE.acceptedBy(DeviceKind.VIDEO_INTERCOM)).isFalse();
        assertThat(DeviceKind.fromWire("toaster")).isEmpty();
        assertThat(ContractSchemas.all()).containsKeys("event.face.passage", "event.intercom.call", "command.open_door");
        assertThat(ContractSchemas.all().get("command").path("properties").path("command").path("enum").toString())
                .contains("\"open_door\"", "\"open_gate\"", "\"capture_snapshot\"");
    }

    @Test
    void theDoorHeldRuleHasItsThreshold() {
        var rules = DeviceKind.VIDEO_INTERCOM.spec();
        assertThat(rules.alarmFor(EventType.INTERCOM_DOOR_HELD, JSON.readTree("{\"openSeconds\":119}"))).isEmpty();
        var held = rules.alarmFor(EventType.INTERCOM_DOOR_HELD, JSON.readTree("{\"openSeconds\":120}")).orElseThrow();
        assertThat(held.severity()).isEqualTo("MEDIUM");
        assertThat(held.title()).isEqualTo("单元门长时间未关");
        var forced = rules.alarmFor(EventType.INTERCOM_FORCED, JSON.readTree("{}")).orElseThrow();
        assertThat(List.of(forced.alarmType(), forced.severity(), forced.title())).containsExactly("intercom.forced", "HIGH", "单元门被强行打开");
        assertThat(rules.alarmFor(EventType.INTERCOM_CALL, JSON.readTree("{}"))).isEmpty();
        var intrusion = DeviceKind.PERIMETER_ALARM.spec().alarmFor(EventType.PERIMETER_INTRUSION, JSON.readTree("{\"zoneId\":\"SHY-EAST\"}")).orElseThrow();
        assertThat(intrusion.zone(JSON.readTree("{\"zoneId\":\"SHY-EAST\"}"))).isEqualTo("SHY-EAST");
        assertThat(DeviceKind.FACE_GATE.spec().alarms()).as("the face watchlist rule is contextual, in code").isEmpty();
    }

    /** What the packaged jar holds, read through a jar: URL as the platform reads it when it runs from its jar. */
    @Test
    void kindsAreFoundInsideAJar() throws Exception {
        Path classes = Path.of(DeviceKinds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = tmp.resolve("devices.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (name.isEmpty() || !name.startsWith("org/redwhistle/devices/") || name.endsWith(".class")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (!Files.isDirectory(p)) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(loader.getResource(DeviceKinds.KINDS).getProtocol()).isEqualTo("jar");
            DeviceKinds.Registry fromJar = DeviceKinds.load(loader);
            assertThat(fromJar.kinds()).extracting(k -> k.kind().wire())
                    .containsExactlyElementsOf(DeviceKinds.registry().kinds().stream().map(k -> k.kind().wire()).toList());
            assertThat(fromJar.eventTypes()).containsExactlyElementsOf(DeviceKinds.registry().eventTypes());
        }
    }

    @Test
    void aKindFileWithAnEventWithoutSchemaIsRefusedByName() throws IOException {
        Path root = classpath("doorbell", """
                {"kind": "doorbell", "label": "门铃", "events": [{"type": "doorbell.rung", "label": "按铃"}]}""");
        assertThatThrownBy(() -> load(root)).hasMessage("kinds/doorbell.json: event 'doorbell.rung' has no schema; add schemas/event.doorbell.rung.json");
    }

    @Test
    void mistakesInAKindFileAreNamed() throws IOException {
        assertThatThrownBy(() -> load(classpath("doorbell", """
                {"kind": "doorbell", "label": "门铃", "colour": "#ff0000"}"""))).hasMessageStartingWith("kinds/doorbell.json: unknown field 'colour'");
        assertThatThrownBy(() -> load(classpath("doorbell", """
                {"kind": "door_bell", "label": "门铃"}"""))).hasMessage("kinds/doorbell.json: kind 'door_bell' must be the file's name, 'doorbell'");
        assertThatThrownBy(() -> load(classpath("doorbell", """
                {"kind": "doorbell", "label": "门铃", "alarms": [{"event": "camera.tamper", "severity": "HIGH", "title": "x"}]}""")))
                .hasMessage("kinds/doorbell.json alarm on 'camera.tamper': 'camera.tamper' is not one of this kind's events");
        assertThatThrownBy(() -> load(classpath("doorbell", """
                {"kind": "doorbell", "label": "门铃", "alarms": [{"event": "device.heartbeat", "severity": "URGENT", "title": "x"}]}""")))
                .hasMessage("kinds/doorbell.json alarm on 'device.heartbeat': severity 'URGENT' is not one of LOW, MEDIUM, HIGH, CRITICAL");
        Path noIcon = classpath("doorbell", "{\"kind\": \"doorbell\", \"label\": \"门铃\"}");
        Files.delete(noIcon.resolve(DeviceKinds.KINDS + "doorbell.svg"));
        assertThatThrownBy(() -> load(noIcon)).hasMessage("kinds/doorbell.json: its icon kinds/doorbell.svg is missing");
    }

    @Test
    void aKindIsAddedByAddingFiles() throws IOException {
        Path root = classpath("doorbell", """
                {"kind": "doorbell", "label": "门铃", "idPrefix": "bell", "events": [{"type": "doorbell.rung", "label": "按铃"}],
                 "alarms": [{"event": "doorbell.rung", "severity": "LOW", "title": "有人按铃"}]}""");
        Path schemas = root.resolve(DeviceKinds.SCHEMAS);
        Files.writeString(schemas.resolve("event.doorbell.rung.json"), """
                {"type": "object", "properties": {"type": {"const": "doorbell.rung"}}, "required": ["msgId", "ts", "type"]}""");
        DeviceKinds.Registry r = load(root);
        DeviceKinds.Kind bell = r.find("doorbell").orElseThrow();
        assertThat(bell.idPrefix()).isEqualTo("bell");
        assertThat(bell.alarmFor(EventType.named("doorbell.rung"), JSON.readTree("{}")).orElseThrow().title()).isEqualTo("有人按铃");
        assertThat(r.eventTypes()).extracting(EventType::wire).containsExactly("doorbell.rung", "device.heartbeat");
    }

    /** A classpath root with one kind file, its icon and the heartbeat's schema. */
    private Path classpath(String kind, String file) throws IOException {
        Path root = Files.createTempDirectory(tmp, "cp");
        Path kinds = Files.createDirectories(root.resolve(DeviceKinds.KINDS));
        Path schemas = Files.createDirectories(root.resolve(DeviceKinds.SCHEMAS));
        Files.writeString(kinds.resolve(kind + ".json"), file, StandardCharsets.UTF_8);
        Files.writeString(kinds.resolve(kind + ".svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        try (OutputStream out = Files.newOutputStream(schemas.resolve("event.device.heartbeat.json"))) {
            out.write(ContractSchemas.event(EventType.DEVICE_HEARTBEAT).toString().getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    private static DeviceKinds.Registry load(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return DeviceKinds.load(loader);
        }
    }
}
