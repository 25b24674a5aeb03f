package org.redwhistle.ingest.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.redwhistle.ingest.mqtt.MqttProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The brokers devices are spread over (docs/cluster.md, "A pool of brokers"). Every device is assigned one
 * broker when it is provisioned, stored in {@code device.broker_id}; devices without one (registered before
 * the pool, or by hand) belong to the first broker. The platform connects to every broker, keeps the device
 * accounts of all of them in step ({@link BrokerAccess}) and sends a device's commands through its broker.
 */
@Component
public class BrokerPool {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}");

    private final List<Broker> brokers;
    private final Map<String, Broker> byId = new LinkedHashMap<>();

    @Autowired
    public BrokerPool(MqttProperties mqtt, BrokerPoolProperties props) {
        this(parse(mqtt.url(), props));
    }

    BrokerPool(List<Broker> brokers) {
        this.brokers = List.copyOf(brokers);
        brokers.forEach(b -> byId.put(b.id(), b));
    }

    /** The pool as configured; throws naming the bad entry. */
    static List<Broker> parse(String firstUrl, BrokerPoolProperties props) {
        List<Broker> list = new ArrayList<>();
        list.add(new Broker(checkId(props.firstId(), "redwhistle.brokers.first-id"), firstUrl, blankToNull(props.firstPublicUrl()) == null ? firstUrl
                : props.firstPublicUrl().trim()));
        String more = props.more() == null ? "" : props.more().trim();
        if (!more.isEmpty()) {
            for (String entry : more.split(",")) {
                String e = entry.trim();
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("redwhistle.brokers.more (RW_MQTT_POOL): entry '" + e + "' is not id=url [public-url]");
                }
                String id = checkId(e.substring(0, eq).trim(), "redwhistle.brokers.more entry '" + e + "'");
                String[] urls = e.substring(eq + 1).trim().split("\\s+");
                if (urls.length > 2 || !urls[0].matches("(tcp|ssl|ws|wss)://.+")) {
                    throw new IllegalArgumentException("redwhistle.brokers.more (RW_MQTT_POOL): entry '" + e
                            + "' needs a broker URL such as tcp://host:1883, optionally followed by the URL devices use");
                }
                list.add(new Broker(id, urls[0], urls.length == 2 ? urls[1] : urls[0]));
            }
        }
        long distinctIds = list.stream().map(Broker::id).distinct().count();
        long distinctUrls = list.stream().map(Broker::url).distinct().count();
        if (distinctIds != list.size() || distinctUrls != list.size()) {
            throw new IllegalArgumentException("redwhistle.brokers: every broker of the pool needs its own id and URL: " + list);
        }
        return List.copyOf(list);
    }

    private static String checkId(String id, String where) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": broker id '" + id + "' must be 1–16 of a-z 0-9 - (starting with a letter or digit)");
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public List<Broker> brokers() {
        return brokers;
    }

    /** The platform's own broker: devices without an assignment, the push relay, dynamic security's first stop. */
    public Broker first() {
        return brokers.get(0);
    }

    public Optional<Broker> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The broker of a device assigned {@code brokerId} (null, or a broker no longer in the pool: the first). */
    public Broker of(String brokerId) {
        return byId(brokerId).orElse(first());
    }

    /** The broker a new device goes to: the one with the fewest devices (by the counts given), the first on a tie. */
    public Broker leastLoaded(Map<String, Long> devicesPerBroker) {
        return brokers.stream().min(Comparator.comparingLong((Broker b) -> devicesPerBroker.getOrDefault(b.id(), 0L))
                .thenComparingInt(brokers::indexOf)).orElseThrow();
    }

    public boolean isPool() {
        return brokers.size() > 1;
    }
}
