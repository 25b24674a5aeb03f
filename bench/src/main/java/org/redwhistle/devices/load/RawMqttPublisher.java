package org.redwhistle.devices.load;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal MQTT 5 publisher for load generation only: CONNECT with username/password, QoS 0 or
 * QoS 1 PUBLISH, PUBACK counting, within the broker's Receive Maximum. Paho spends more CPU per message
 * than the broker and the platform together on this 2-core machine, which would make the load
 * generator the bottleneck it is meant to measure around. Devices and the platform use Paho.
 */
public final class RawMqttPublisher implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Semaphore window;
    private final AtomicLong acked;
    private final AtomicLong refused;
    private final Thread reader;
    private int nextId = 1;
    private volatile boolean closing;

    public RawMqttPublisher(String brokerUrl, String clientId, String username, String password, AtomicLong acked,
            AtomicLong refused) throws IOException {
        URI u = URI.create(brokerUrl);
        this.socket = new Socket(u.getHost(), u.getPort());
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.acked = acked;
        this.refused = refused;
        connect(clientId, username, password);
        this.window = new Semaphore(readConnack());
        this.reader = new Thread(this::readAcks, "puback-" + clientId);
        reader.setDaemon(true);
        reader.start();
    }

    private void connect(String clientId, String username, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        utf8(body, "MQTT");
        body.write(5);                       // protocol level: MQTT 5
        body.write(0x80 | 0x40 | 0x02);      // username, password, clean start
        body.write(0);
        body.write(0);                       // keep alive 0: no pings needed during a run
        body.write(0);                       // no properties
        utf8(body, clientId);
        utf8(body, username);
        utf8(body, password);
        packet(0x10, body.toByteArray());
        out.flush();
    }

    /** Reads CONNACK; returns the broker's Receive Maximum (65535 when it sends none). */
    private int readConnack() throws IOException {
        int type = in.readUnsignedByte();
        byte[] body = new byte[varint()];
        in.readFully(body);
        if (type != 0x20 || body.length < 2 || body[1] != 0) {
            throw new IOException("CONNACK refused: reason code 0x" + Integer.toHexString(body.length > 1 ? body[1] & 0xff : -1));
        }
        int receiveMaximum = 65535;
        int[] pos = {2};
        int propsLen = varint(body, pos);
        int end = pos[0] + propsLen;
        while (pos[0] < end) {
            int id = body[pos[0]++] & 0xff;
            switch (id) {
                case 0x21 -> { receiveMaximum = ((body[pos[0]] & 0xff) << 8) | (body[pos[0] + 1] & 0xff); pos[0] += 2; }
                case 0x13, 0x22, 0x23 -> pos[0] += 2;                                  // two-byte integers
                case 0x11, 0x27 -> pos[0] += 4;                                        // four-byte integers
                case 0x24, 0x25, 0x28, 0x29, 0x2A, 0x17, 0x19, 0x01 -> pos[0] += 1;    // bytes
                case 0x12, 0x15, 0x1A, 0x1C, 0x1F -> pos[0] += 2 + (((body[pos[0]] & 0xff) << 8) | (body[pos[0] + 1] & 0xff));
                case 0x16 -> pos[0] += 2 + (((body[pos[0]] & 0xff) << 8) | (body[pos[0] + 1] & 0xff));
                case 0x26 -> { // user property: two strings
                    for (int k = 0; k < 2; k++) {
                        pos[0] += 2 + (((body[pos[0]] & 0xff) << 8) | (body[pos[0] + 1] & 0xff));
                    }
                }
                default -> throw new IOException("unexpected CONNACK property 0x" + Integer.toHexString(id));
            }
        }
        return receiveMaximum;
    }

    /** Publishes at QoS 1; false (nothing sent) when the in-flight window is full. */
    public boolean tryPublish(String topic, byte[] payload) throws IOException {
        if (!window.tryAcquire()) {
            return false;
        }
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int id = nextId;
        nextId = nextId == 65535 ? 1 : nextId + 1;
        int len = 2 + t.length + 2 + 1 + payload.length;
        out.write(0x32);
        writeVarint(out, len);
        out.write(t.length >> 8);
        out.write(t.length & 0xff);
        out.write(t);
        out.write(id >> 8);
        out.write(id & 0xff);
        out.write(0);
        out.write(payload);
        return true;
    }

    /** Publishes at QoS 0 (no acknowledgement; the socket's backpressure is the only limit). */
    public void publishQos0(String topic, byte[] payload) throws IOException {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        out.write(0x30);
        writeVarint(out, 2 + t.length + 1 + payload.length);
        out.write(t.length >> 8);
        out.write(t.length & 0xff);
        out.write(t);
        out.write(0);
        out.write(payload);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void readAcks() {
        try {
            while (true) {
                int type = in.readUnsignedByte();
                byte[] body = new byte[varint()];
                in.readFully(body);
                if ((type & 0xf0) == 0x40) {
                    int reason = body.length > 2 ? body[2] & 0xff : 0;
                    (reason < 0x80 ? acked : refused).incrementAndGet();
                    window.release();
                } else if ((type & 0xf0) == 0xE0) {
                    return; // the broker disconnected us
                }
            }
        } catch (EOFException e) {
            // closed
        } catch (IOException e) {
            if (!closing) {
                System.err.println("load: connection lost: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        out.write(0xE0);
        out.write(0);
        out.flush();
        socket.close();
    }

    private void packet(int type, byte[] body) throws IOException {
        out.write(type);
        writeVarint(out, body.length);
        out.write(body);
    }

    private int varint() throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    private static int varint(byte[] body, int[] pos) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = body[pos[0]++] & 0xff;
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    private static void writeVarint(OutputStream o, int value) throws IOException {
        do {
            int b = value % 128;
            value /= 128;
            o.write(value > 0 ? b | 0x80 : b);
        } while (value > 0);
    }

    private static void utf8(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.write(b.length >> 8);
        o.write(b.length & 0xff);
        o.write(b, 0, b.length);
    }
}
