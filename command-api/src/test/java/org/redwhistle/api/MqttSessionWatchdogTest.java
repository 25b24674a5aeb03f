package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.mqtt.MqttSession;
import org.redwhistle.ingest.workers.WorkerPools;
import org.redwhistle.testing.TestServices;

/**
 * A platform session whose Paho reconnect cycle has stopped comes back by itself. Paho 1.2.5's cycle
 * can end for good (its timer fires while the client is still disconnecting; the connect throws and
 * nothing schedules the next); here the cycle is simply off, and the connection to the real broker
 * is cut by a TCP relay in between. Without {@link MqttSession}'s watchdog the session stays down.
 */
class MqttSessionWatchdogTest {

    private final TestServices services = TestServices.get();

    @Test
    void aSessionLeftDownByPahoReconnectsItself() throws Exception {
        URI broker = URI.create(services.mqttUrl());
        WorkerPools pools = new WorkerPools();
        try (Relay relay = new Relay(broker.getPort())) {
            MqttSession session = new MqttSession(pools, "watchdog-test", "tcp://127.0.0.1:" + relay.port(),
                    "rw-watchdog-" + ProcessHandle.current().pid(), false, () -> {
                        MqttConnectionOptions o = new MqttConnectionOptions();
                        o.setUserName(services.mqttUser());
                        o.setPassword(services.mqttPassword().getBytes(StandardCharsets.UTF_8));
                        o.setAutomaticReconnect(false); // Paho's cycle does nothing: only the watchdog can bring it back
                        o.setConnectionTimeout(5);
                        return o;
                    }, new MqttSubscription[0], (topic, message) -> {
                    });
            session.stallTimeout(Duration.ofSeconds(2));
            session.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(session::isConnected);
                relay.cutAll();
                await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected());
                long cut = System.nanoTime();

                await().atMost(Duration.ofSeconds(20)).until(session::isConnected);
                long backMs = (System.nanoTime() - cut) / 1_000_000;
                assertThat(backMs).as("not before the stall timeout").isGreaterThanOrEqualTo(1900);
                assertThat(relay.accepted()).as("one connection, then the watchdog's").isEqualTo(2);
            } finally {
                session.stop();
            }
        } finally {
            pools.destroy();
        }
    }

    /** A TCP relay to the broker on 127.0.0.1 whose connections the test can cut. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        Relay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    accepted.incrementAndGet();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    for (int n; (n = i.read(buf)) >= 0;) {
                        o.write(buf, 0, n);
                        o.flush();
                    }
                } catch (IOException e) {
                    // cut
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        void cutAll() {
            sockets.forEach(Relay::closeQuietly);
            sockets.clear();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }

        @Override
        public void close() throws IOException {
            cutAll();
            server.close();
        }
    }
}
