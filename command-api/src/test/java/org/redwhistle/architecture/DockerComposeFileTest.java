package org.redwhistle.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker compose cannot run on the development and CI machines (no Docker engine), so this keeps
 * docker-compose.yml honest: it parses, has the four services, names the images ARCHITECTURE.md
 * fixes, and every file it mounts or builds from exists.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void composeFileDescribesTheWholeCommandCenter() throws IOException {
        Map<String, Object> compose;
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(r);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("db", "broker", "app", "simulator");
        assertThat(services.get("db").get("image")).isEqualTo("timescale/timescaledb-ha:pg16");
        assertThat((String) services.get("broker").get("image")).startsWith("eclipse-mosquitto:2");
        Map<String, Object> build = (Map<String, Object>) services.get("app").get("build");
        assertThat(ROOT.resolve((String) build.get("dockerfile"))).exists();
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as("mounted file " + source).exists();
                }
            }
        }
        Map<String, Object> app = (Map<String, Object>) services.get("app").get("environment");
        assertThat(app).containsKeys("RW_DB_URL", "RW_JWT_SECRET", "RW_MQTT_URL", "RW_MQTT_PASSWORD", "RW_DEMO_PASSWORD");
        assertAppConnectsAsARoleOfItsOwn(services);
        for (Map<String, Object> service : services.values()) {
            ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((k, v) -> {
                if (k.contains("PASSWORD") || k.contains("SECRET")) {
                    assertThat(String.valueOf(v)).as("secret " + k + " comes from .env").startsWith("${");
                }
            });
        }
    }

    /**
     * The database's superuser (POSTGRES_USER) runs the migrations; the app connects as another role,
     * which an init script creates on a fresh volume (docs/audit.md), so that it cannot alter the audit log.
     */
    @SuppressWarnings("unchecked")
    private static void assertAppConnectsAsARoleOfItsOwn(Map<String, Map<String, Object>> services) throws IOException {
        Map<String, Object> db = (Map<String, Object>) services.get("db").get("environment");
        Map<String, Object> app = (Map<String, Object>) services.get("app").get("environment");
        assertThat(app.get("RW_DB_OWNER_USER")).as("migrations run as the database's owner").isEqualTo(db.get("POSTGRES_USER"));
        assertThat(app.get("RW_DB_OWNER_PASSWORD")).isEqualTo("${RW_DB_OWNER_PASSWORD}");
        assertThat(String.valueOf(db.get("POSTGRES_PASSWORD"))).startsWith("${RW_DB_OWNER_PASSWORD");
        String runtime = String.valueOf(app.get("RW_DB_USER"));
        assertThat(runtime).as("the app's runtime role").isNotEqualTo(db.get("POSTGRES_USER"));
        String init = ((List<Object>) services.get("db").get("volumes")).stream().map(Object::toString)
                .filter(v -> v.contains(":/docker-entrypoint-initdb.d/")).map(v -> v.split(":")[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no init script creates the app's role"));
        assertThat(Files.readString(ROOT.resolve(init))).contains("CREATE ROLE " + runtime + " LOGIN");
        assertThat(String.valueOf(db.get("RW_DB_PASSWORD"))).as("the init script's password for it").startsWith("${RW_DB_PASSWORD");
    }
}
