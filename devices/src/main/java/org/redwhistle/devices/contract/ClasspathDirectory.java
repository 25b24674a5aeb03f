package org.redwhistle.devices.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files directly in one directory of the classpath, wherever it lies: a directory on disk
 * (target/classes), a jar, or a jar nested in the application's jar (Spring Boot's loader hands out
 * {@link JarURLConnection}s for those too). Every classpath root holding the directory counts, so a
 * kind can also arrive in a jar of its own.
 */
final class ClasspathDirectory {

    private final ClassLoader loader;
    private final String directory;

    /** @param directory e.g. {@code org/redwhistle/devices/kinds/} (no leading slash, trailing slash) */
    ClasspathDirectory(ClassLoader loader, String directory) {
        this.loader = loader;
        this.directory = directory;
    }

    /** Names of the files directly in the directory that end with {@code suffix}, sorted. */
    SortedSet<String> list(String suffix) {
        SortedSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(directory);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).forEach(names::add);
                    }
                } else {
                    fromJar(root, suffix, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + " on the classpath", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + directory + " on the classpath", e);
        }
        return names;
    }

    private static void fromJar(URL root, String suffix, SortedSet<String> names) throws IOException {
        URLConnection c = root.openConnection();
        if (!(c instanceof JarURLConnection jar)) {
            throw new IllegalStateException("cannot list " + root + ": neither a directory nor a jar");
        }
        // our own JarFile, not the cached one other readers of the jar share, so closing it is safe
        jar.setUseCaches(false);
        String prefix = jar.getEntryName();
        try (JarFile file = jar.getJarFile()) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.endsWith(suffix)) {
                    names.add(name.substring(prefix.length()));
                }
            }
        }
    }

    /** A file of the directory (or any other classpath resource under the same loader), if present. */
    Optional<byte[]> read(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
