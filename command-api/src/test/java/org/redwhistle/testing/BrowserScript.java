package org.redwhistle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the dashboard's browser scripts (dashboard-web/e2e/*.e2e.mjs, node's test runner driving the
 * Debian Chromium) against the test's application: the settings every script reads (RW_E2E_BASE_URL,
 * _PASSWORD, _SCREENSHOTS, _CHROMIUM) plus the script's own, its output in target/reports, and a failure
 * with that output unless it finished in time and passed.
 */
public final class BrowserScript {

    /** Where the scripts' screenshots land: command-api/target/screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private BrowserScript() {
    }

    /**
     * Runs {@code script} with {@code env} (and node's {@code options}, e.g. a test name pattern), its output in
     * target/reports/{@code logName}; the output, once it passed within {@code timeout}.
     */
    public static String run(String script, int port, String logName, Duration timeout, Map<String, String> env, String... options)
            throws Exception {
        Path web = Path.of("..", "dashboard-web").toAbsolutePath().normalize();
        Path log = Path.of("target", "reports", logName).toAbsolutePath();
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
        command.addAll(List.of(options));
        command.add("e2e/" + script);
        ProcessBuilder pb = new ProcessBuilder(command).directory(web.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> vars = pb.environment();
        vars.put("RW_E2E_BASE_URL", "http://127.0.0.1:" + port);
        vars.put("RW_E2E_PASSWORD", TestServices.get().demoPassword());
        vars.put("RW_E2E_SCREENSHOTS", SCREENSHOTS.toString());
        vars.put("RW_E2E_CHROMIUM", System.getenv().getOrDefault("RW_TEST_CHROMIUM", "/usr/bin/chromium"));
        vars.putAll(env);
        Process p = pb.start();
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("browser test finished in time:\n" + output).isTrue();
        assertThat(p.exitValue()).as("browser test output:\n" + output).isZero();
        return output;
    }
}
