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
        for (Map<String, Object> service : services.values()) {
            ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((k, v) -> {
                if (k.contains("PASSWORD") || k.contains("SECRET")) {
                    assertThat(String.valueOf(v)).as("secret " + k + " comes from .env").startsWith("${");
                }
            });
        }
    }
}
