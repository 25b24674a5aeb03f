package org.redwhistle.ingest.mqtt;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Connection options shared by the platform's MQTT clients (credentials, keep-alive, timeouts). Paho's
 * automatic reconnect is off: {@link MqttSession} and the dynamic-security client reconnect by themselves
 * (Paho 1.2.5 keeps that cycle's delay in a static field shared by every client of the process).
 */
public final class MqttClientOptions {

    private MqttClientOptions() {
    }

    public static MqttConnectionOptions of(MqttProperties props) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(props.username());
        if (props.password() != null) {
            o.setPassword(props.password().getBytes(StandardCharsets.UTF_8));
        }
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setSocketFactory(new BufferedSocketFactory());
        return o;
    }
}
