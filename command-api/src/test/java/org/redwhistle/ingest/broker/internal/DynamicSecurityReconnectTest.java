package org.redwhistle.ingest.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.TcpRelay;
import org.redwhistle.testing.TestServices;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Device accounts can be made again as soon as the broker is back: the first request after a broker
 * restart connects, subscribes to the answers and is answered. Provisioning waits on these requests,
 * so a device that asks right after a restart is onboarded, not refused.
 */
class DynamicSecurityReconnectTest {

    private final TestServices services = TestServices.get();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theFirstRequestAfterTheBrokerCameBackIsAnswered() throws Exception {
        try (TcpRelay relay = new TcpRelay(URI.create(services.mqttUrl()).getPort());
                DynamicSecurityClient dynsec = new DynamicSecurityClient("tcp://127.0.0.1:" + relay.port(),
                        "rw-dynsec-reconnect-" + ProcessHandle.current().pid(), options(), json)) {
            assertThat(ask(dynsec)).as("answered before the outage").isTrue();
            for (int round = 0; round < 3; round++) {
                relay.outage(Duration.ofSeconds(3)); // as a broker restart: connections cut, then refused for a while
                long t0 = System.nanoTime();
                assertThat(ask(dynsec)).as("round %d: the first request after the outage is answered", round).isTrue();
                System.out.printf("dynamic security answered %d ms after the broker was back (round %d)%n", (System.nanoTime() - t0) / 1_000_000, round);
            }
            assertThat(relay.accepted()).as("one connection, then one after each outage").isEqualTo(4);
        }
    }

    /** Whether getDefaultACLAccess was answered without an error. */
    private boolean ask(DynamicSecurityClient dynsec) {
        List<JsonNode> answers = dynsec.execute(List.of(json.createObjectNode().put("command", "getDefaultACLAccess")));
        return answers.size() == 1 && !answers.get(0).hasNonNull("error");
    }

    /** Options that ask for Paho's automatic reconnect, as production's did: the client connects by itself regardless. */
    private MqttConnectionOptions options() {
        MqttConnectionOptions o = services.mqttLogin();
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setConnectionTimeout(5);
        return o;
    }
}
