package org.redwhistle.devices.contract;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * An unconditional alarm a kind file declares: an event of this type (optionally only when one of its
 * fields passes a threshold) raises an alarm of this type, severity and title. Rules that need the
 * rest of the platform (watchlists, armed areas) are code, in command-api's AlarmRules.
 *
 * @param event     the event type that raises it
 * @param alarmType the alarm's type (defaults to the event's wire name)
 * @param severity  LOW, MEDIUM, HIGH or CRITICAL
 * @param title     what the board shows, in Chinese
 * @param zoneField the event field naming the alarm's zone (perimeter events: zoneId), if any
 * @param when      the condition on the event's payload, if any
 */
public record AlarmRule(EventType event, String alarmType, String severity, String title, Optional<String> zoneField,
        Optional<Condition> when) {

    /** A threshold on one field: {@code {"field": "openSeconds", "atLeast": 120}}; also atMost and equals. */
    public record Condition(String field, Optional<Double> atLeast, Optional<Double> atMost, Optional<String> equalTo) {

        boolean holds(JsonNode payload) {
            JsonNode v = payload.path(field);
            if (equalTo.isPresent() && !(v.isString() && v.asText().equals(equalTo.get()))) {
                return false;
            }
            if ((atLeast.isPresent() || atMost.isPresent()) && !v.isNumber()) {
                return false;
            }
            return atLeast.map(min -> v.asDouble() >= min).orElse(true) && atMost.map(max -> v.asDouble() <= max).orElse(true);
        }
    }

    /** True when an event of this type and payload raises the alarm. */
    public boolean raisedBy(EventType type, JsonNode payload) {
        return event.equals(type) && when.map(c -> c.holds(payload)).orElse(true);
    }

    /** The alarm's zone: the value of {@link #zoneField} in the payload, if it has one. */
    public String zone(JsonNode payload) {
        return zoneField.map(f -> payload.path(f).asText(null)).orElse(null);
    }
}
