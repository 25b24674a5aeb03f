package org.redwhistle.api.intercoms.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.devices.DeviceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A video intercom's recent events in words, from ingest's {@code device_event} behind the devices' access
 * ({@link DeviceScope}, joining {@code device} and {@code area}).
 */
@Component
class IntercomActivity {

    /** One thing that happened at the door: when, its wire type, and what it was in words. */
    public record Item(Instant at, String type, String text, String room) {
    }

    /** The intercom and its latest events, newest first. */
    public record Activity(String deviceId, String deviceName, List<Item> items) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    IntercomActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The intercom's latest {@code limit} events; empty if it is not a video intercom the caller reaches. */
    java.util.Optional<Activity> of(DeviceScope reach, String deviceId, int limit) {
        return jdbc.sql("select d.name from device d join area a on a.id = d.area_id where d.id = :id and d.kind = 'video_intercom'" + DeviceScope.SQL)
                .param("id", deviceId).params(reach.bind()).query(String.class).optional()
                .map(name -> new Activity(deviceId, name, jdbc.sql("""
                        select ts, type, payload::text from device_event where device_id = ? and type like 'intercom.%'
                        order by ts desc limit ?""").params(deviceId, limit)
                        .query((rs, i) -> item(rs.getTimestamp(1).toInstant(), rs.getString(2), JSON.readTree(rs.getString(3)))).list()));
    }

    static Item item(Instant at, String type, JsonNode p) {
        String room = p.path("room").asText(null);
        String text = switch (type) {
            case "intercom.call" -> "访客呼叫" + (room == null ? "" : " " + room + " 室") + "：" + switch (p.path("result").asText("")) {
                case "answered" -> "已接听" + (p.hasNonNull("durationS") ? "（通话 " + p.get("durationS").asInt() + " 秒）" : "");
                case "missed" -> "未接听";
                case "rejected" -> "已拒绝";
                default -> "结果未知";
            };
            case "intercom.door_opened" -> switch (p.path("method").asText("")) {
                case "remote" -> "住户远程开门";
                case "card" -> "刷卡开门";
                case "password" -> "密码开门";
                case "key" -> "钥匙开门";
                default -> "开门";
            } + (room == null ? "" : "（" + room + " 室）");
            case "intercom.door_held" -> "单元门长时间未关（" + p.path("openSeconds").asInt() + " 秒）";
            case "intercom.forced" -> "单元门被强行打开";
            case "intercom.tailgating" -> "尾随进入" + (p.hasNonNull("count") ? "（" + p.get("count").asInt() + " 人）" : "");
            default -> type;
        };
        return new Item(at, type, text, room);
    }
}
