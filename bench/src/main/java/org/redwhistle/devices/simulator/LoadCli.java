package org.redwhistle.devices.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.redwhistle.devices.load.LoadGenerator;
import org.redwhistle.devices.provisioning.ProvisioningClient;

/**
 * {@code red-whistle-bench.jar load}: provisions N load devices through MQTT self-provisioning, then
 * publishes at the given total rate for the given time and prints what the broker acknowledged.
 * The last line is machine-readable: {@code RESULT runId=… attempted=… acked=… refused=… seconds=…}.
 */
public final class LoadCli {

    private LoadCli() {
    }

    /** {@code red-whistle-bench.jar broker-ceiling}: the broker alone, for comparison. */
    public static void brokerCeiling(String[] args) throws Exception {
        Map<String, String> opt = SimulatorCli.parse(args);
        LoadGenerator.Result r = LoadGenerator.brokerCeiling(opt.get("mqtt"), opt.get("user"), opt.get("password"),
                Integer.parseInt(opt.getOrDefault("clients", "100")), Long.parseLong(opt.getOrDefault("messages", "300000")));
        System.out.printf("RESULT broker sent=%d acked=%d refused=%d seconds=%.3f rate=%.0f%n",
                r.attempted(), r.acked(), r.refused(), r.seconds(), r.ackedPerSecond());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = SimulatorCli.parse(args);
        URI api = URI.create(opt.getOrDefault("api", SimulatorCli.env("RW_API_URL", "http://127.0.0.1:8080")));
        String user = opt.getOrDefault("user", SimulatorCli.env("RW_SIM_USER", "integrator"));
        String password = opt.getOrDefault("password", System.getenv("RW_SIM_PASSWORD"));
        String mqtt = opt.getOrDefault("mqtt", System.getenv("RW_MQTT_URL"));
        int n = Integer.parseInt(opt.getOrDefault("devices", "200"));
        int rate = Integer.parseInt(opt.getOrDefault("rate", "20000"));
        int duration = Integer.parseInt(opt.getOrDefault("duration", "60"));
        String runId = opt.getOrDefault("run-id", "load" + Long.toString(System.currentTimeMillis(), 36));

        PlatformClient platform = new PlatformClient(api);
        platform.login(user, password);
        PlatformClient.ProvisioningAccess access = platform.createProvisioningKey("load " + runId, n);
        String broker = mqtt == null || mqtt.isBlank() ? access.brokerUrl() : mqtt;
        ProvisioningClient provisioning = new ProvisioningClient(broker, access.username(), access.password());
        Runtime.getRuntime().addShutdownHook(new Thread(provisioning::close));
        Random random = new Random(7);
        List<LoadGenerator.LoadDevice> devices = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // inside 松鹤园社区, the integrator's area in the demo village
            double lon = 119.1205 + random.nextDouble() * 0.0110;
            double lat = 36.7005 + random.nextDouble() * 0.0080;
            ProvisioningClient.Response r = provisioning.provision(new ProvisioningClient.Request(access.key(), access.secret(),
                    "camera", runId + "-" + i, "压测摄像机 " + i, lon, lat, "load-1", null));
            if (!r.success()) {
                throw new IllegalStateException("provisioning load device " + i + " refused: " + r.detail());
            }
            // the first broker's public URL may be overridden by --mqtt; the pool's other brokers are used as answered
            String own = r.brokerUrl() == null || r.brokerUrl().equals(access.brokerUrl()) ? broker : r.brokerUrl();
            devices.add(new LoadGenerator.LoadDevice(r.deviceId(), new ProvisioningClient.Response(r.success(), r.detail(), r.deviceId(),
                    r.username(), r.password(), r.clientId(), own), lon, lat));
        }
        provisioning.close();
        System.out.printf("load: %d devices provisioned in %.1f s; publishing %d events/s for %d s%n",
                n, (System.nanoTime() - t0) / 1e9, rate, duration);
        LoadGenerator.Result res = new LoadGenerator(broker, devices, runId).run(rate, duration);
        System.out.printf("load: attempted %d, broker-acked %d (%.0f/s), refused %d, in-flight-full retries %d%n",
                res.attempted(), res.acked(), res.ackedPerSecond(), res.refused(), res.backpressured());
        System.out.printf("RESULT runId=%s attempted=%d acked=%d refused=%d seconds=%.3f%n",
                res.runId(), res.attempted(), res.acked(), res.refused(), res.seconds());
    }
}
