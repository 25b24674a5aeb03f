package org.redwhistle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Figures a test measured, appended to target/reports/*.txt; scripts/test.sh prints them at the end. */
public final class Reports {

    private Reports() {
    }

    public static void append(String file, String line) {
        try {
            Path dir = Path.of("target", "reports");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(line);
    }
}
