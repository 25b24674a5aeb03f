package org.redwhistle.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as a separate operating-system process (so a test can SIGKILL it), on the test
 * run's database and broker, started from the test classpath.
 */
public final class AppProcess {

    private final List<String> command = new ArrayList<>();
    private final int port;
    private final Path logDir;
    private final String logName;
    private Process process;
    private int starts;

    public AppProcess(TestServices services, int port, String instanceId, String demoPassword, Path logDir) {
        this(services, port, instanceId, demoPassword, logDir, "fault-app", List.of());
    }

    /**
     * @param logName its log is {@code <logName>-<n>.log}, n counting its starts
     * @param extra   further settings ({@code --name=value}), after the defaults, which they override
     */
    public AppProcess(TestServices services, int port, String instanceId, String demoPassword, Path logDir, String logName, List<String> extra) {
        this.port = port;
        this.logDir = logDir;
        this.logName = logName;
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.redwhistle.RedWhistleApplication");
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + services.dbUrl());
        command.add("--spring.datasource.username=" + services.dbUser());
        command.add("--spring.datasource.password=" + services.dbPassword());
        command.add("--spring.flyway.user=" + services.dbOwnerUser());
        command.add("--spring.flyway.password=" + services.dbOwnerPassword());
        command.add("--redwhistle.mqtt.url=" + services.mqttUrl());
        command.add("--redwhistle.mqtt.username=" + services.mqttUser());
        command.add("--redwhistle.mqtt.password=" + services.mqttPassword());
        command.add("--redwhistle.mqtt.instance-id=" + instanceId);
        command.add("--redwhistle.security.jwt-secret=" + services.jwtSecret());
        command.add("--redwhistle.demo.enabled=true");
        command.add("--redwhistle.demo.password=" + demoPassword);
        command.add("--redwhistle.provisioning.mqtt-password=" + services.provisionPassword());
        // NoLossFaultTest's camera publishes 200 events a second: far over a camera's default rate limit (the backlog after
        // each fault is let through by the default catch-up allowance)
        command.add("--redwhistle.ingest.rate-limit.camera-rate=1000");
        command.add("--redwhistle.ingest.rate-limit.camera-burst=1000");
        command.addAll(extra);
    }

    /** Sets {@code --key=value} (replacing the default given above, if any); call before {@link #start}. */
    public AppProcess set(String key, String value) {
        command.removeIf(a -> a.startsWith("--" + key + "="));
        command.add("--" + key + "=" + value);
        return this;
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        File log = logDir.resolve(logName + "-" + (++starts) + ".log").toFile();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        Process started = process;
        // whatever happens to the test, the child must not outlive this JVM
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the app did not become healthy; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no graceful MQTT disconnect, whatever was in memory is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The process id of the running instance (for a browser script that kills it itself). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
