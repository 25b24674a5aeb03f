package org.redwhistle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP relay to the broker on 127.0.0.1 whose connections the test can cut. */
public final class TcpRelay implements AutoCloseable {
    private volatile ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    public TcpRelay(int target) throws IOException {
        this.target = target;
        listen(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    private void listen(ServerSocket s) {
        this.server = s;
        Thread acceptor = new Thread(() -> accept(s), "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cuts every connection and refuses new ones for {@code d}, then listens on the same port again. */
    public void outage(Duration d) throws IOException, InterruptedException {
        int port = port();
        server.close();
        cutAll();
        Thread.sleep(d.toMillis());
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listen(s);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket in = s.accept();
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

    public void cutAll() {
        sockets.forEach(TcpRelay::closeQuietly);
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
