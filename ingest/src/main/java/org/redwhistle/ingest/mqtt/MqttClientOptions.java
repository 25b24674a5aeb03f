package org.redwhistle.ingest.mqtt;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Connection options shared by the platform's MQTT clients (credentials, reconnect, keep-alive). */
public final class MqttClientOptions {

    private MqttClientOptions() {
    }

    public static MqttConnectionOptions of(MqttProperties props) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(props.username());
        if (props.password() != null) {
            o.setPassword(props.password().getBytes(StandardCharsets.UTF_8));
        }
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setSocketFactory(new BufferedSocketFactory());
        return o;
    }
}
