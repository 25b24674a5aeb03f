package org.redwhistle.devices.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.devices.contract.DemoVillagePlan;
import org.redwhistle.devices.provisioning.ProvisioningClient;

/**
 * The village simulator: logs in to the platform as an integrator, issues itself a provisioning key,
 * onboards every device of the demo village over MQTT self-provisioning (exactly as an integrator's
 * firmware would), connects each device with its own credentials, and keeps the village alive.
 *
 * <pre>
 * java -jar devices-cli.jar --api http://127.0.0.1:8080 --mqtt tcp://127.0.0.1:18830 \
 *      --user integrator --password ... [--intrusion-every 120] [--duration 0] [--frames /var/cache/red-whistle/frames]
 *      [--residents 13800000001,...,13800000012] [--whistle-every 300]
 * </pre>
 * Every flag can also come from the environment: RW_API_URL, RW_MQTT_URL, RW_SIM_USER,
 * RW_SIM_PASSWORD, RW_SIM_INTRUSION_EVERY, RW_SIM_DURATION, RW_SIM_FRAMES, RW_SIM_RESIDENTS,
 * RW_SIM_WHISTLE_EVERY. The demo residents ({@link ResidentSimulator}; by default the district's, one or more
 * per community, {@link DemoDistrictPlan#residents()}) file a request every
 * {@code --whistle-every} seconds (0: never) and evaluate what was handled. {@code --frames} is where
 * the cameras' real footage is (scripts/run.sh cuts it from opencv-doc's sample videos).
 */
public final class SimulatorCli {

    private SimulatorCli() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        URI api = URI.create(opt.getOrDefault("api", env("RW_API_URL", "http://127.0.0.1:8080")));
        String mqtt = opt.getOrDefault("mqtt", System.getenv("RW_MQTT_URL"));
        String user = opt.getOrDefault("user", env("RW_SIM_USER", "integrator"));
        String password = opt.getOrDefault("password", System.getenv("RW_SIM_PASSWORD"));
        long intrusionEvery = Long.parseLong(opt.getOrDefault("intrusion-every", env("RW_SIM_INTRUSION_EVERY", "120")));
        long duration = Long.parseLong(opt.getOrDefault("duration", env("RW_SIM_DURATION", "0")));
        String frames = opt.getOrDefault("frames", System.getenv("RW_SIM_FRAMES"));
        String residentPhones = opt.getOrDefault("residents", env("RW_SIM_RESIDENTS",
                String.join(",", DemoDistrictPlan.residents().stream().map(DemoDistrictPlan.Resident::phone).toList())));
        long whistleEvery = Long.parseLong(opt.getOrDefault("whistle-every", env("RW_SIM_WHISTLE_EVERY", "300")));
        if (password == null || password.isBlank()) {
            System.err.println("simulator: a password is needed (--password or RW_SIM_PASSWORD)");
            System.exit(2);
        }

        PlatformClient platform = new PlatformClient(api);
        platform.login(user, password);
        var plan = DemoVillagePlan.devices();
        PlatformClient.ProvisioningAccess access = platform.createProvisioningKey("village simulator", plan.size());
        String broker = mqtt == null || mqtt.isBlank() ? access.brokerUrl() : mqtt;
        ProvisioningClient provisioning = new ProvisioningClient(broker, access.username(), access.password());
        Runtime.getRuntime().addShutdownHook(new Thread(provisioning::close));
        List<SimulatedDevice> devices = new ArrayList<>();
        for (DemoVillagePlan.PlannedDevice d : plan) {
            ProvisioningClient.Response r = provisioning.provision(new ProvisioningClient.Request(access.key(), access.secret(),
                    d.kind().wire(), d.serial(), d.name(), d.lon(), d.lat(), "sim-1.0", d.attributes()));
            if (!r.success()) {
                System.err.println("simulator: provisioning " + d.serial() + " refused: " + r.detail());
                System.exit(1);
            }
            // in a pool of brokers the answer names the device's own; the first broker's public URL may be overridden by --mqtt
            String own = r.brokerUrl() == null || r.brokerUrl().equals(access.brokerUrl()) ? broker : r.brokerUrl();
            SimulatedDevice device = new SimulatedDevice(own, new SimulatedDevice.DeviceInfo(r.deviceId(), d.kind().wire(),
                    d.name(), d.lon(), d.lat(), d.attributes().path("zoneId").asText(r.deviceId()), d.attributes()), r);
            device.connect();
            devices.add(device);
            System.out.printf("simulator: %s %s as %s (%s)%n", d.serial(), r.detail(), r.deviceId(), d.name());
        }
        provisioning.close();
        System.out.printf("simulator: %d devices online on %s%n", devices.size(), broker);

        CameraFeed feed = CameraFeed.load(frames);
        VillageSimulator village = new VillageSimulator(devices, Duration.ofSeconds(intrusionEvery), feed);
        // the demo's residents share the demo password; each logs in with the mobile number
        ResidentSimulator residents = new ResidentSimulator(api, List.of(residentPhones.split(",")), password, Duration.ofSeconds(whistleEvery), feed);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            residents.close();
            village.close();
            done.countDown();
        }));
        village.start();
        residents.start();
        if (duration > 0) {
            Thread.sleep(Duration.ofSeconds(duration).toMillis());
            residents.close();
            village.close();
            System.exit(0);
        }
        done.await();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ...; got " + args[i]);
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
