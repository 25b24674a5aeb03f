package org.redwhistle.api.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegProcessTest {

    @Test
    void stopsARunningProcessAndTellsTheListener() throws Exception {
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        FfmpegProcess p = FfmpegProcess.launch(List.of("sleep", "60")).name("sleeper").onExit(exited::complete).start();
        assertThat(p.isAlive()).isTrue();

        assertThat(p.stop(Duration.ofSeconds(2))).isTrue();

        assertThat(exited.get(5, TimeUnit.SECONDS)).isNotZero(); // SIGTERM
        assertThat(p.isAlive()).isFalse();
        assertThat(p.stop(Duration.ofSeconds(1))).as("already stopped").isFalse();
    }

    @Test
    void killsAProcessThatIgnoresTheRequest() throws Exception {
        FfmpegProcess p = FfmpegProcess.launch(List.of("sh", "-c", "trap '' TERM; sleep 60 & wait; sleep 60")).start();
        Thread.sleep(200); // let the shell install its trap

        long t0 = System.nanoTime();
        p.stop(Duration.ofMillis(500));

        assertThat(p.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void keepsStderrInALogFileOrInMemory(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/x.log");
        FfmpegProcess toFile = FfmpegProcess.launch(List.of("sh", "-c", "echo broken >&2; exit 3")).stderrTo(log).start();
        CompletableFuture<Integer> code = new CompletableFuture<>();
        FfmpegProcess inMemory = FfmpegProcess.launch(List.of("sh", "-c", "echo first >&2; echo second >&2; exit 4"))
                .onExit(code::complete).start();

        assertThat(code.get(5, TimeUnit.SECONDS)).isEqualTo(4);
        Thread.sleep(100); // the reader drains the pipe after exit
        assertThat(inMemory.recentStderr()).isEqualTo("first\nsecond");
        toFile.stop(Duration.ofSeconds(1));
        assertThat(Files.readString(log)).contains("broken");
    }

    @Test
    void masksTheCredentialsOfUrlsInWhatItKeepsAndLogs(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("cred.log");
        CompletableFuture<Integer> code = new CompletableFuture<>();
        FfmpegProcess p = FfmpegProcess.launch(List.of("sh", "-c",
                        "echo \"Input #0, rtsp, from 'rtsp://admin:s3cret@10.0.0.7:554/ch1':\" >&2; exit 1"))
                .stderrTo(log).onExit(code::complete).start();
        assertThat(code.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        Thread.sleep(100);
        assertThat(p.recentStderr()).isEqualTo("Input #0, rtsp, from 'rtsp://***@10.0.0.7:554/ch1':");
        assertThat(Files.readString(log)).doesNotContain("s3cret").contains("rtsp://***@10.0.0.7:554/ch1");
        assertThat(FfmpegProcess.redact("rtsp://10.0.0.7/ch1 and http://u:p@h/x")).isEqualTo("rtsp://10.0.0.7/ch1 and http://***@h/x");
    }

    @Test
    void pipesStdoutWhenAsked() throws Exception {
        FfmpegProcess p = FfmpegProcess.launch(List.of("printf", "abc")).pipeStdout().start();
        assertThat(new String(p.stdout().readAllBytes())).isEqualTo("abc");
    }
}
