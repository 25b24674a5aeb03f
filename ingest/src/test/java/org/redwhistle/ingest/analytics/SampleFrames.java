package org.redwhistle.ingest.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real camera frames scripts/test.sh cuts from opencv-doc's sample videos ({@code RW_TEST_FRAMES_DIR}):
 * {@code people/} from vtest.avi (people walking), {@code empty/} from tree.avi (nobody).
 */
public final class SampleFrames {

    private SampleFrames() {
    }

    public static Path dir() {
        String d = System.getenv("RW_TEST_FRAMES_DIR");
        if (d == null || !Files.isRegularFile(Path.of(d, ".complete"))) {
            throw new IllegalStateException("RW_TEST_FRAMES_DIR is not set to a complete frames directory (" + d
                    + "); run the tests with scripts/test.sh, which installs opencv-doc and cuts the frames");
        }
        return Path.of(d);
    }

    public static List<Path> people() {
        return list("people");
    }

    public static List<Path> empty() {
        return list("empty");
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(String kind) {
        try (Stream<Path> s = Files.list(dir().resolve(kind))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            if (all.isEmpty()) {
                throw new IllegalStateException("no frames in " + dir().resolve(kind));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
