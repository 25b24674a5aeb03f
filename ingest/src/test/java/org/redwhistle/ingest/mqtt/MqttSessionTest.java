package org.redwhistle.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.ServerSocket;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.workers.WorkerPools;

/**
 * The acknowledgement of a message whose session has since been stopped. An active instance that is
 * fenced (its lease lost in a database outage) closes its sessions while messages it received are
 * still being written; when the write commits, their acks go to a closed Paho client, which throws
 * NullPointerException rather than MqttException. The ack must be dropped (the broker redelivers the
 * message to the next holder of the session), never thrown into the batch that stored it: the
 * pipeline took that for a failed write and retried the batch for ever, and every later message of
 * the lane was left unstored (NoLossFaultTest lost 1,745 of 5,984 that way).
 */
class MqttSessionTest {

    private final WorkerPools pools = new WorkerPools();

    @AfterEach
    void tearDown() {
        pools.destroy();
    }

    @Test
    void anAckRunAfterTheSessionStoppedIsDroppedWithoutThrowing() throws Exception {
        MqttSession session = new MqttSession(pools, "ingest", "tcp://127.0.0.1:" + closedPort(), "rw-test-ingest", true,
                MqttConnectionOptions::new, new MqttSubscription[0], (topic, message) -> {
                });
        session.start();
        MqttMessage message = new MqttMessage(new byte[] {1});
        message.setId(7);
        message.setQos(1);
        Runnable ack = session.acker(message);
        session.stop();

        assertThat(session.isRunning()).isFalse();
        assertThatCode(ack::run).doesNotThrowAnyException();
    }

    /** A port nothing listens on: the session keeps trying to connect until it is stopped. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
