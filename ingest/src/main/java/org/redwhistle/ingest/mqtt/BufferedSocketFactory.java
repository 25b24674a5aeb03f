package org.redwhistle.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Sockets whose input stream is buffered. Paho 1.2.5 reads each packet from the raw socket stream
 * (a byte for the type, bytes for the length, then the body), which costs several system calls per
 * message; at thousands of messages a second that is a large share of a core.
 * <p>
 * Paho's receiver also asks {@code available()} before every packet. A plain
 * {@link BufferedInputStream} adds the socket's count to its own, an {@code ioctl(FIONREAD)} system
 * call per message even while the next packets are already buffered; this one answers from its
 * buffer then, and asks the socket only when the buffer is empty.
 */
public final class BufferedSocketFactory extends SocketFactory {

    private static final int BUFFER = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new BufferedSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new BufferedSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new BufferedSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = new BufferedSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    private static final class BufferedSocket extends Socket {
        private InputStream in;

        BufferedSocket() {
            try {
                setTcpNoDelay(true);
            } catch (java.net.SocketException e) {
                // not connected yet on some platforms; the default is fine
            }
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), BUFFER) {
                    @Override
                    public synchronized int available() throws IOException {
                        int buffered = buf == null ? 0 : count - pos; // closed: the superclass throws
                        return buffered > 0 ? buffered : super.available();
                    }
                };
            }
            return in;
        }
    }
}
