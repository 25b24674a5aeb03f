package org.redwhistle.devices.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 callback for clients that only consume messages. Paho 1.2.5's per-subscription
 * listeners are unreliable (they never fire for {@code $share/} filters, and
 * {@code MqttClient.subscribe(topic, qos, listener)} recurses into itself), so messages are taken
 * here; override {@link #connectComplete} to resubscribe after an automatic reconnect.
 */
public abstract class MessageCallback implements MqttCallback {

    @Override
    public abstract void messageArrived(String topic, MqttMessage message);

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
