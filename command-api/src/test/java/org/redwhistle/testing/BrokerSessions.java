package org.redwhistle.testing;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Persistent platform sessions a test made for itself, removed from the run's broker afterwards. */
public final class BrokerSessions {

    private BrokerSessions() {
    }

    /**
     * Ends the broker's sessions {@code <sessionName>-ingest}, {@code -telemetry} and {@code -snapshots}
     * (a clean start, then a session expiry of 0), so that they stop queueing the later tests' traffic.
     */
    public static void discard(TestServices services, String sessionName) {
        discard(services, sessionName, services.mqttUrl());
    }

    /** The same on the broker at {@code url} (the run's brokers share the platform account). */
    public static void discard(TestServices services, String sessionName, String url) {
        for (String suffix : new String[] {"-ingest", "-telemetry", "-snapshots"}) {
            try {
                MqttClient c = new MqttClient(url, sessionName + suffix, new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setUserName(services.mqttUser());
                o.setPassword(services.mqttPassword().getBytes(StandardCharsets.UTF_8));
                o.setCleanStart(true);
                o.setSessionExpiryInterval(0L);
                c.connect(o);
                c.disconnect();
                c.close();
            } catch (MqttException e) {
                System.err.println("session " + sessionName + suffix + " not discarded: " + e.getMessage());
            }
        }
    }
}
