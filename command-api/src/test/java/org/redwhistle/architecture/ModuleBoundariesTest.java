package org.redwhistle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The six modules and their dependency directions (ARCHITECTURE.md, docs/architecture.md), in the POMs and in the
 * code. {@code bench} holds the benchmark programs: it may use every library module, and nothing depends on it.
 */
class ModuleBoundariesTest {

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "devices", Set.of(),
            "geo-engine", Set.of(),
            "ingest", Set.of("devices", "geo-engine"),
            "dashboard-web", Set.of(),
            "command-api", Set.of("devices", "geo-engine", "ingest", "dashboard-web"),
            "bench", Set.of("devices", "geo-engine", "ingest"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.redwhistle");

    @Test
    void theRepositoryHasExactlyTheSixModulesWithTheirAllowedDependencies() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String parent = Files.readString(root.resolve("pom.xml"));
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).isEqualTo(new TreeSet<>(ALLOWED.keySet()));
        for (String module : modules) {
            String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
            String deps = pom.contains("<dependencies>") ? pom.substring(pom.indexOf("<dependencies>")) : "";
            Set<String> ours = new TreeSet<>();
            Matcher d = Pattern.compile("<groupId>org\\.redwhistle</groupId>\\s*<artifactId>([^<]+)</artifactId>").matcher(deps);
            while (d.find()) {
                ours.add(d.group(1));
            }
            assertThat(ALLOWED.get(module)).as("allowed dependencies of " + module).containsAll(ours);
        }
    }

    @Test
    void geoEngineAndDevicesDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.redwhistle.geo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.redwhistle.ingest..", "org.redwhistle.api..", "org.redwhistle.devices..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.redwhistle.devices..")
                .should().dependOnClassesThat().resideInAnyPackage("org.redwhistle.ingest..", "org.redwhistle.api..", "org.redwhistle.geo..")
                .check(CLASSES);
    }

    /** The application's classpath (command-api and the modules it is built from) holds no benchmark program. */
    @Test
    void benchmarkProgramsAreNotInTheApplication() {
        noClasses().should().resideInAnyPackage("..bench..", "org.redwhistle.devices.load..")
                .orShould().haveSimpleNameEndingWith("Bench").orShould().haveSimpleNameEndingWith("Benchmark")
                .check(CLASSES);
    }

    @Test
    void ingestDoesNotDependOnTheApplication() {
        noClasses().that().resideInAPackage("org.redwhistle.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.redwhistle.api..")
                .check(CLASSES);
    }

    @Test
    void internalPackagesAreUsedOnlyByTheirOwnFeature() {
        classes().that(resideInAnInternalPackage()).should(onlyBeAccessedFromTheirFeature()).check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> resideInAnInternalPackage() {
        return DescribedPredicate.describe("reside in an internal package", c -> c.getPackageName().contains(".internal"));
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirFeature() {
        return new ArchCondition<>("only be accessed from their own feature package") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String pkg = internal.getPackageName();
                String feature = pkg.substring(0, pkg.indexOf(".internal"));
                internal.getAccessesToSelf().forEach(access -> {
                    String from = access.getOriginOwner().getPackageName();
                    if (!from.equals(feature) && !from.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                });
            }
        };
    }
}
