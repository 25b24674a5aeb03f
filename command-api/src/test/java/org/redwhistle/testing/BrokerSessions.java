package org.redwhistle.testing;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Persistent platform sessions a test made for itself, removed from the run's broker afterwards; whether an account logs in. */
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

    /** Whether the account logs in to the broker at {@code url} now (a connect, then a disconnect). */
    public static boolean connects(String url, String clientId, String username, String password, int timeoutSeconds) throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(timeoutSeconds);
        try {
            c.connect(o);
            c.disconnect();
            return true;
        } catch (MqttException e) {
            return false;
        } finally {
            c.close();
        }
    }
}
