package org.redwhistle.devices.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the simulated cameras see: real footage cut into JPEG frames by scripts/lib/services.sh
 * (opencv-doc's vtest.avi with people walking in {@code people/}, tree.avi with nobody in
 * {@code empty/}). Each camera plays its own way through the footage, so consecutive snapshots of one
 * camera move like video does.
 */
final class CameraFeed {

    private final List<Path> people;
    private final List<Path> empty;
    private final Map<String, AtomicInteger> playhead = new ConcurrentHashMap<>();

    private CameraFeed(List<Path> people, List<Path> empty) {
        this.people = people;
        this.empty = empty;
    }

    /** The frames under {@code dir}, or null (with the reason on stderr) when there are none. */
    static CameraFeed load(String dir) {
        if (dir == null || dir.isBlank()) {
            System.err.println("simulator: no camera frames (--frames / RW_SIM_FRAMES): cameras answer capture_snapshot with 'failed'");
            return null;
        }
        List<Path> people = jpegs(Path.of(dir, "people"));
        List<Path> empty = jpegs(Path.of(dir, "empty"));
        if (people.isEmpty() || empty.isEmpty()) {
            System.err.println("simulator: no frames under " + dir + "/people and /empty: cameras answer capture_snapshot with 'failed'");
            return null;
        }
        System.out.printf("simulator: cameras show %d frames with people and %d without, from %s%n", people.size(), empty.size(), dir);
        return new CameraFeed(people, empty);
    }

    private static List<Path> jpegs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The camera's next frame: from the footage with people in it, or from the empty scene. */
    byte[] frame(String cameraId, boolean person) {
        List<Path> frames = person ? people : empty;
        int i = playhead.computeIfAbsent(cameraId + (person ? "/people" : "/empty"),
                k -> new AtomicInteger(Math.floorMod(k.hashCode(), frames.size()))).getAndIncrement();
        try {
            return Files.readAllBytes(frames.get(Math.floorMod(i, frames.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
