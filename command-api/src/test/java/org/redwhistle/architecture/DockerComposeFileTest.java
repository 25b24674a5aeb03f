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
 * docker-compose.yml honest: it parses, has the five services (the simulated cameras' RTSP server among them), names the images ARCHITECTURE.md
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
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Map<String, Object>> services = new java.util.LinkedHashMap<>(all);
        services.values().removeIf(s -> s.containsKey("profiles"));
        assertThat(services).as("what `docker compose up` starts").containsOnlyKeys("db", "broker", "app", "cameras", "simulator");
        Map<String, Object> cameras = (Map<String, Object>) services.get("cameras").get("build");
        assertThat(Files.readString(ROOT.resolve((String) cameras.get("dockerfile"))))
                .as("the cameras' image is a stage of the Dockerfile").contains("AS " + cameras.get("target"));
        assertThat(services.get("db").get("image")).isEqualTo("timescale/timescaledb-ha:pg16");
        assertThat((String) services.get("broker").get("image")).startsWith("eclipse-mosquitto:2");
        Map<String, Object> build = (Map<String, Object>) services.get("app").get("build");
        assertThat(ROOT.resolve((String) build.get("dockerfile"))).exists();
        for (Map<String, Object> service : all.values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as("mounted file " + source).exists();
                }
            }
        }
        Map<String, Object> app = (Map<String, Object>) services.get("app").get("environment");
        assertThat(app).containsKeys("RW_DB_URL", "RW_JWT_SECRET", "RW_MQTT_URL", "RW_MQTT_PASSWORD", "RW_DEMO_PASSWORD");
        assertThat(app.get("RW_CAMERA_STREAMS")).as("the demo cameras' streams come from the cameras service").isEqualTo("rtsp://cameras:8554/");
        assertAppConnectsAsARoleOfItsOwn(services);
        for (Map<String, Object> service : all.values()) {
            ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((k, v) -> {
                if (k.contains("PASSWORD") || k.contains("SECRET")) {
                    assertThat(String.valueOf(v)).as("secret " + k + " comes from .env").startsWith("${");
                }
            });
        }
    }

    /**
     * The profile {@code emqx} (docs/cluster.md): two EMQX nodes that name each other as the cluster's
     * seeds, with durable sessions, and an app on them with shared subscriptions and an instance id of
     * its own. Only with the profile; the default services stay as they are.
     */
    @Test
    @SuppressWarnings("unchecked")
    void emqxProfileIsATwoNodeClusterWithTheAppOnSharedSubscriptions() throws IOException {
        Map<String, Object> compose;
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(r);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> emqx = services.entrySet().stream().filter(e -> ((List<Object>) e.getValue().getOrDefault("profiles", List.of())).contains("emqx"))
                .map(Map.Entry::getKey).toList();
        assertThat(emqx).containsExactlyInAnyOrder("emqx1", "emqx2", "app-emqx");
        List<String> nodes = List.of("emqx1", "emqx2");
        java.util.Set<String> nodeNames = new java.util.HashSet<>();
        for (String n : nodes) {
            Map<String, Object> node = services.get(n);
            assertThat((String) node.get("image")).startsWith("emqx/emqx");
            Map<String, Object> env = (Map<String, Object>) node.get("environment");
            String name = String.valueOf(env.get("EMQX_NODE_NAME"));
            assertThat(name).as(n + "'s node name is emqx@ its host name").isEqualTo("emqx@" + node.get("hostname"));
            nodeNames.add(name);
            assertThat(env.get("EMQX_CLUSTER__DISCOVERY_STRATEGY")).isEqualTo("static");
            assertThat(String.valueOf(env.get("EMQX_DURABLE_SESSIONS__ENABLE"))).isEqualTo("true");
            assertThat(String.valueOf(env.get("EMQX_AUTHENTICATION__1__BOOTSTRAP_FILE"))).isEqualTo("/opt/emqx/data/rw-users.csv");
            Map<String, Object> aliases = (Map<String, Object>) ((Map<String, Object>) node.get("networks")).get("default");
            assertThat((List<Object>) aliases.get("aliases")).as("other containers reach " + n + " by its host name").contains(node.get("hostname"));
            assertThat(Files.readString(ROOT.resolve("deploy/emqx/bootstrap.sh"))).contains("/opt/emqx/data/rw-users.csv");
        }
        assertThat(nodeNames).hasSize(2);
        for (String n : nodes) {
            String seeds = String.valueOf(((Map<String, Object>) services.get(n).get("environment")).get("EMQX_CLUSTER__STATIC__SEEDS"));
            assertThat(nodeNames).allSatisfy(name -> assertThat(seeds).as(n + "'s seeds").contains(name));
        }
        Map<String, Object> app = (Map<String, Object>) services.get("app-emqx").get("environment");
        Map<String, Object> defaultApp = (Map<String, Object>) services.get("app").get("environment");
        assertThat(app.get("RW_MQTT_SUBSCRIPTION")).isEqualTo("SHARED");
        assertThat(String.valueOf(app.get("RW_MQTT_URL"))).matches("tcp://emqx[12]\\.rw\\.local:1883");
        assertThat(app.get("RW_INSTANCE_ID")).as("an instance id of its own").isNotNull().isNotEqualTo(defaultApp.getOrDefault("RW_INSTANCE_ID", "rw-1"));
        assertThat(app.get("RW_DB_URL")).isEqualTo(defaultApp.get("RW_DB_URL"));
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
