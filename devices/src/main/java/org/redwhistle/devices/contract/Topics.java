package org.redwhistle.devices.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/** MQTT topic names of the device contract (CONTRACT.md), all under {@value #ROOT}. */
public final class Topics {

    public static final String ROOT = "cc/v1";
    public static final String DEVICES = ROOT + "/devices/";

    public static final String PROVISION = ROOT + "/provision/";

    /** The rule for a device id; {@link #isValidDeviceId} applies it by hand (TopicsTest compares the two). */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private Topics() {
    }

    public static String events(String deviceId) {
        return device(deviceId, Channel.EVENTS);
    }

    public static String telemetry(String deviceId) {
        return device(deviceId, Channel.TELEMETRY);
    }

    public static String status(String deviceId) {
        return device(deviceId, Channel.STATUS);
    }

    public static String commands(String deviceId) {
        return device(deviceId, Channel.COMMANDS);
    }

    public static String device(String deviceId, Channel channel) {
        if (!isValidDeviceId(deviceId)) {
            throw new IllegalArgumentException("invalid device id: " + deviceId);
        }
        return DEVICES + deviceId + "/" + channel.path();
    }

    /** A filter over one channel of every device. */
    public static String filter(Channel channel) {
        return DEVICES + "+/" + channel.path();
    }

    /** A shared-subscription filter over one channel of every device. */
    public static String sharedFilter(String group, Channel channel) {
        return "$share/" + group + "/" + DEVICES + "+/" + channel.path();
    }

    public static String provisionRequest(String nonce) {
        return PROVISION + nonce + "/request";
    }

    public static String provisionResponse(String nonce) {
        return PROVISION + nonce + "/response";
    }

    /** The shared-subscription filter over every device's provisioning request. */
    public static String sharedProvisionFilter(String group) {
        return "$share/" + group + "/" + PROVISION + "+/request";
    }

    /** The nonce of {@code cc/v1/provision/{nonce}/request}; empty for any other topic or a weak nonce. */
    public static Optional<String> provisionNonce(String topic) {
        if (topic == null || !topic.startsWith(PROVISION) || !topic.endsWith("/request")) {
            return Optional.empty();
        }
        String nonce = topic.substring(PROVISION.length(), topic.length() - "/request".length());
        return NONCE.matcher(nonce).matches() ? Optional.of(nonce) : Optional.empty();
    }

    public static boolean isValidDeviceId(String deviceId) {
        // DEVICE_ID's rule by hand: it is checked for every message received (a regex matcher each time)
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > 64 || !alnum(deviceId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            if (!alnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** Parses {@code cc/v1/devices/{id}/{channel}}; empty for any other topic. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(DEVICES)) {
            return Optional.empty();
        }
        String rest = topic.substring(DEVICES.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String deviceId = rest.substring(0, slash);
        return Channel.fromPath(rest.substring(slash + 1))
                .filter(c -> isValidDeviceId(deviceId))
                .map(c -> new DeviceTopic(deviceId, c));
    }

    /** A device topic split into the device and the channel. */
    public record DeviceTopic(String deviceId, Channel channel) {
    }

    /** The per-device channels. */
    public enum Channel {
        EVENTS("events"),
        TELEMETRY("telemetry"),
        STATUS("status"),
        SNAPSHOTS("snapshots"),
        COMMANDS("commands"),
        COMMAND_ACKS("commands/ack");

        private final String path;

        Channel(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        static Optional<Channel> fromPath(String path) {
            for (Channel c : values()) {
                if (c.path.equals(path)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }
}
