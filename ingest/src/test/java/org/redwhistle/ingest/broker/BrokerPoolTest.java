package org.redwhistle.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerPoolTest {

    private static List<Broker> parse(String firstId, String firstPublic, String more) {
        return BrokerPool.parse("tcp://127.0.0.1:18830", new BrokerPoolProperties(firstId, firstPublic, more));
    }

    @Test
    void aPoolOfOneIsThePlatformsBroker() {
        assertThat(parse("b1", null, null)).containsExactly(new Broker("b1", "tcp://127.0.0.1:18830", "tcp://127.0.0.1:18830"));
        assertThat(parse("b1", " mqtts://mqtt.example.cn:8883 ", " ")).containsExactly(
                new Broker("b1", "tcp://127.0.0.1:18830", "mqtts://mqtt.example.cn:8883"));
    }

    @Test
    void furtherBrokersWithAndWithoutThePublicUrl() {
        assertThat(parse("b1", null, "b2=tcp://10.0.0.12:1883 mqtts://mqtt2.example.cn:8883, b3=tcp://10.0.0.13:1883")).containsExactly(
                new Broker("b1", "tcp://127.0.0.1:18830", "tcp://127.0.0.1:18830"),
                new Broker("b2", "tcp://10.0.0.12:1883", "mqtts://mqtt2.example.cn:8883"),
                new Broker("b3", "tcp://10.0.0.13:1883", "tcp://10.0.0.13:1883"));
    }

    @Test
    void badEntriesAreRefusedByName() {
        assertThatThrownBy(() -> parse("b1", null, "b2"))
                .hasMessage("redwhistle.brokers.more (RW_MQTT_POOL): entry 'b2' is not id=url [public-url]");
        assertThatThrownBy(() -> parse("b1", null, "b2=10.0.0.12:1883"))
                .hasMessage("redwhistle.brokers.more (RW_MQTT_POOL): entry 'b2=10.0.0.12:1883' needs a broker URL such as tcp://host:1883, "
                        + "optionally followed by the URL devices use");
        assertThatThrownBy(() -> parse("b1", null, "B2=tcp://h:1"))
                .hasMessage("redwhistle.brokers.more entry 'B2=tcp://h:1': broker id 'B2' must be 1–16 of a-z 0-9 - (starting with a letter or digit)");
        assertThatThrownBy(() -> parse("b1", null, "b1=tcp://h:1")).hasMessageStartingWith("redwhistle.brokers: every broker of the pool needs its own id and URL");
        assertThatThrownBy(() -> parse("b1", null, "b2=tcp://127.0.0.1:18830")).hasMessageStartingWith("redwhistle.brokers: every broker");
    }

    @Test
    void newDevicesGoToTheLeastLoadedBrokerAndUnknownAssignmentsToTheFirst() {
        BrokerPool pool = new BrokerPool(parse("b1", null, "b2=tcp://127.0.0.1:18831,b3=tcp://127.0.0.1:18832"));
        assertThat(pool.leastLoaded(Map.of()).id()).isEqualTo("b1");
        assertThat(pool.leastLoaded(Map.of("b1", 10L, "b2", 9L, "b3", 9L)).id()).isEqualTo("b2");
        assertThat(pool.leastLoaded(Map.of("b1", 10L, "b2", 11L)).id()).isEqualTo("b3");
        assertThat(pool.of(null).id()).isEqualTo("b1");
        assertThat(pool.of("b9").id()).isEqualTo("b1");
        assertThat(pool.of("b3").url()).isEqualTo("tcp://127.0.0.1:18832");
        assertThat(pool.isPool()).isTrue();
    }
}
