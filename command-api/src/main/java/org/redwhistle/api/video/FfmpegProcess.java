package org.redwhistle.api.video;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one child process (ffmpeg, usually): starts it with an argument list, keeps its stderr
 * in a log file or in a ring of its last lines, tells a listener when it exits, and stops it politely
 * (SIGTERM, on which ffmpeg closes its outputs) and then by force after a grace period. Stdout is
 * either discarded or handed to the caller ({@link Launch#pipeStdout()}) for streaming outputs.
 *
 * <pre>
 * FfmpegProcess p = FfmpegProcess.ffmpeg(properties, List.of("-i", url, "-c", "copy", out))
 *         .name("record cam-001").stderrTo(logFile).onExit(code -> ...).start();
 * ...
 * p.stop(properties.stopGrace());
 * </pre>
 */
public final class FfmpegProcess {

    private static final Logger log = LoggerFactory.getLogger(FfmpegProcess.class);
    private static final int RING_LINES = 50;
    private static final java.util.regex.Pattern CREDENTIALS = java.util.regex.Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s'\"]+@");

    private final String name;
    private final Process process;
    private final Deque<String> ring = new ArrayDeque<>();
    private volatile boolean stopping;

    private FfmpegProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** A launch of {@code command} (its first element is the program). */
    public static Launch launch(List<String> command) {
        return new Launch(command);
    }

    /** A launch of the configured ffmpeg, quiet (warnings only), never reading stdin, with {@code args}. */
    public static Launch ffmpeg(VideoProperties properties, List<String> args) {
        List<String> command = new ArrayList<>(List.of(properties.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "warning"));
        command.addAll(args);
        return new Launch(command);
    }

    /** How a process is started; {@link #start()} runs it. */
    public static final class Launch {
        private final List<String> command;
        private String name;
        private Path stderrLog;
        private boolean pipeStdout;
        private IntConsumer onExit = code -> { };

        private Launch(List<String> command) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no program to run");
            }
            this.command = List.copyOf(command);
            this.name = command.get(0);
        }

        /** The name used in logs. */
        public Launch name(String name) {
            this.name = name;
            return this;
        }

        /** Also writes stderr to this file (replaced), URL credentials masked; the last lines are kept in memory either way ({@link #recentStderr()}). */
        public Launch stderrTo(Path file) {
            this.stderrLog = file;
            return this;
        }

        /** Hands stdout to the caller ({@link FfmpegProcess#stdout()}), who must read it; otherwise it is discarded. */
        public Launch pipeStdout() {
            this.pipeStdout = true;
            return this;
        }

        /** Called once with the exit code when the process ends, however it ends (also after {@link #stop}). */
        public Launch onExit(IntConsumer listener) {
            this.onExit = listener;
            return this;
        }

        public FfmpegProcess start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            pb.redirectOutput(pipeStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
            if (stderrLog != null) {
                Files.createDirectories(stderrLog.toAbsolutePath().getParent());
            }
            FfmpegProcess p = new FfmpegProcess(name, pb.start());
            // stderr always passes through here, so that a camera's password in a URL ffmpeg prints
            // (its input line) never reaches a log file or the application's log
            p.drainStderr(stderrLog);
            IntConsumer listener = onExit;
            p.process.onExit().thenAccept(done -> {
                int code = done.exitValue();
                if (!p.stopping && code != 0) {
                    log.warn("process exited name={} code={} stderr={}", p.name, code, p.recentStderr());
                } else {
                    log.debug("process exited name={} code={}", p.name, code);
                }
                listener.accept(code);
            });
            log.info("process started name={} pid={}", name, p.pid());
            return p;
        }

        private static java.io.File nullFile() {
            return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
        }
    }

    private void drainStderr(Path file) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
                 java.io.Writer w = file == null ? java.io.Writer.nullWriter() : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null;) {
                    line = redact(line);
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    synchronized (ring) {
                        if (ring.size() == RING_LINES) {
                            ring.removeFirst();
                        }
                        ring.addLast(line);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "stderr-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** {@code line} with the user information of every URL in it (rtsp://user:password@host) masked. */
    static String redact(String line) {
        return CREDENTIALS.matcher(line).replaceAll("$1***@");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's stdout; only with {@link Launch#pipeStdout()}. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The last stderr lines, URL credentials masked. */
    public String recentStderr() {
        synchronized (ring) {
            return String.join("\n", ring);
        }
    }

    /**
     * Asks the process to end (SIGTERM), waits up to {@code grace}, then kills it. Blocking; returns
     * whether it was still running when asked.
     */
    public boolean stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("process did not stop in {}, killing name={}", grace, name);
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
