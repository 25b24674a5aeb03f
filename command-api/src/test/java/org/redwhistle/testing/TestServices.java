package org.redwhistle.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real services a test run talks to. {@code scripts/test.sh} starts them (its own database and
 * its own broker port per run) and passes them in RW_TEST_* variables; without those, and where
 * Docker exists, Testcontainers starts TimescaleDB-with-PostGIS and Mosquitto instead. There is no
 * in-memory stand-in: with neither, the tests fail and say how to run them.
 *
 * <p>The database has two roles, as in production: {@code dbUser} is the application's runtime role
 * and {@code dbOwnerUser} owns the schema and runs the migrations (docs/audit.md).
 */
public record TestServices(String dbUrl, String dbUser, String dbPassword, String dbOwnerUser, String dbOwnerPassword,
        String mqttUrl, String mqttUser, String mqttPassword, String demoPassword, String jwtSecret, String provisionPassword) {

    private static TestServices instance;

    /** Options that log in to the run's brokers with the platform's account. */
    public MqttConnectionOptions mqttLogin() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(mqttUser);
        o.setPassword(mqttPassword.getBytes(StandardCharsets.UTF_8));
        return o;
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            instance = System.getenv("RW_TEST_DB_URL") != null ? fromEnvironment() : fromDocker();
        }
        return instance;
    }

    /** A connection as the owner role, for what only the owner (or a superuser) may do: tampering, in the audit tests. */
    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbOwnerUser, dbOwnerPassword);
    }

    static String secret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static TestServices fromEnvironment() {
        return new TestServices(env("RW_TEST_DB_URL"), env("RW_TEST_DB_USER"), env("RW_TEST_DB_PASSWORD"),
                env("RW_TEST_DB_OWNER_USER"), env("RW_TEST_DB_OWNER_PASSWORD"), env("RW_TEST_MQTT_URL"), env("RW_TEST_MQTT_USER"), env("RW_TEST_MQTT_PASSWORD"), "demo-" + secret(), secret(), secret());
    }

    /** The run's second broker (same platform account), for the broker-pool tests: scripts/test.sh starts it. */
    public static String secondBrokerUrl() {
        return env("RW_TEST_MQTT_URL_2");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set; run the tests with scripts/test.sh");
        }
        return v;
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM; Ryuk removes them
    private static TestServices fromDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no test services: run the tests with scripts/test.sh (it starts PostgreSQL/PostGIS "
                    + "and Mosquitto), or set RW_TEST_DB_URL and RW_TEST_MQTT_* yourself, or run where Docker is available");
        }
        PostgreSQLContainer pg = new PostgreSQLContainer(
                DockerImageName.parse("timescale/timescaledb-ha:pg16").asCompatibleSubstituteFor("postgres"));
        pg.start();
        // the container's user is a superuser and owns the database: the migrations' role; the app gets its own
        String appPw = secret();
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
                Statement s = c.createStatement()) {
            s.execute("create role rw_app login password '" + appPw + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the runtime role in the test database: " + e, e);
        }
        String adminPw = secret();
        String platformPw = secret();
        String conf = """
                listener 1883
                allow_anonymous false
                plugin /usr/lib/mosquitto_dynamic_security.so
                plugin_opt_config_file /mosquitto/data/dynamic-security.json
                """;
        GenericContainer<?> mq = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
                .withExposedPorts(1883)
                .withCopyToContainer(Transferable.of(conf), "/mosquitto/config/mosquitto.conf")
                .withCommand("sh", "-c", "mosquitto_ctrl dynsec init /mosquitto/data/dynamic-security.json admin " + adminPw
                        + " && chown -R mosquitto: /mosquitto/data && exec mosquitto -c /mosquitto/config/mosquitto.conf");
        mq.start();
        ctrl(mq, adminPw, "createRole", "platform");
        for (String[] acl : new String[][] {{"subscribePattern", "cc/v1/#"}, {"subscribePattern", "$share/+/cc/v1/#"},
            {"publishClientSend", "cc/v1/#"}, {"publishClientReceive", "cc/v1/#"},
            {"subscribePattern", "$CONTROL/dynamic-security/#"}, {"publishClientSend", "$CONTROL/dynamic-security/#"},
            {"publishClientReceive", "$CONTROL/dynamic-security/#"}}) {
            ctrl(mq, adminPw, "addRoleACL", "platform", acl[0], acl[1], "allow", "5");
        }
        ctrl(mq, adminPw, "createClient", "platform", "-p", platformPw);
        ctrl(mq, adminPw, "addClientRole", "platform", "platform", "10");
        return new TestServices(pg.getJdbcUrl(), "rw_app", appPw, pg.getUsername(), pg.getPassword(),
                "tcp://" + mq.getHost() + ":" + mq.getMappedPort(1883), "platform", platformPw, "demo-" + secret(), secret(), secret());
    }

    private static void ctrl(GenericContainer<?> mq, String adminPw, String... args) {
        String[] cmd = new String[args.length + 6];
        System.arraycopy(new String[] {"mosquitto_ctrl", "-u", "admin", "-P", adminPw, "dynsec"}, 0, cmd, 0, 6);
        System.arraycopy(args, 0, cmd, 6, args.length);
        try {
            mq.execInContainer(cmd);
        } catch (Exception e) {
            throw new IllegalStateException("mosquitto_ctrl failed: " + e, e);
        }
    }
}
