package org.redwhistle.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The repository's HAProxy configuration ({@code deploy/haproxy/red-whistle.cfg}), filled in as
 * {@code scripts/lib/services.sh}'s {@code rw_start_lb} does, run in the foreground as a child
 * process on a free port in front of the given instances (rw-1, rw-2, … in that order).
 */
public final class LoadBalancerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private LoadBalancerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LoadBalancerProcess start(int port, List<Integer> instancePorts, Path dir) throws IOException, InterruptedException {
        Path template = Path.of("..", "deploy", "haproxy", "red-whistle.cfg");
        String servers = IntStream.range(0, instancePorts.size())
                .mapToObj(i -> "    server rw-" + (i + 1) + " 127.0.0.1:" + instancePorts.get(i) + "\n").collect(Collectors.joining());
        String config = Files.readAllLines(template).stream()
                .map(l -> l.equals("@SERVERS@") ? servers.stripTrailing() : l.replace("@BIND@", "127.0.0.1:" + port))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(dir);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config);
        String haproxy = System.getenv().getOrDefault("RW_TEST_HAPROXY", "/usr/sbin/haproxy");
        File log = dir.resolve("haproxy.log").toFile();
        Process p = new ProcessBuilder(haproxy, "-db", "-f", cfg.toString()).redirectErrorStream(true).redirectOutput(log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("HAProxy exited: " + Files.readString(log.toPath()));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new LoadBalancerProcess(p, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("HAProxy is not listening on " + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
