package org.redwhistle.ingest.broker;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.broker.internal.DynamicSecurityClient;
import org.redwhistle.ingest.mqtt.MqttClientOptions;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-device broker accounts through Mosquitto's dynamic security. A device may publish only under
 * its own {@code cc/v1/devices/{id}/} channels and subscribe only to its own commands, and must
 * connect with its id as client id. Mosquitto 2.0 does not expand %c/%u in dynsec ACLs, so every
 * device gets its own role with explicit topics.
 * <p>
 * With a {@link BrokerPool} of several brokers, every change is made on every broker, in pool order,
 * with the same password: the accounts and ACLs stay in step, so a device can be moved to another broker
 * of the pool without new credentials. A change that fails on one broker throws (naming the broker)
 * after the others were tried; the caller's transaction then rolls back and the request can be repeated
 * (every command here is idempotent: "already exists" counts as done).
 */
@Service
public class BrokerAccess implements DisposableBean {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Topics.Channel[] PUBLISHES = {Topics.Channel.EVENTS, Topics.Channel.TELEMETRY,
        Topics.Channel.STATUS, Topics.Channel.SNAPSHOTS, Topics.Channel.COMMAND_ACKS};

    private final JsonMapper json;
    private final Map<String, DynamicSecurityClient> dynsec = new LinkedHashMap<>();

    public BrokerAccess(MqttProperties props, BrokerPool pool, JsonMapper json) {
        this.json = json;
        for (Broker b : pool.brokers()) {
            // the platform's account has the same name and password on every broker of the pool
            dynsec.put(b.id(), new DynamicSecurityClient(b.url(), props.instanceId() + "-dynsec",
                    MqttClientOptions.of(props), json));
        }
    }

    /** Runs the same commands on every broker, and checks each broker's answers; throws naming every broker that failed. */
    private void onEveryBroker(List<ObjectNode> commands, Check check) {
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, DynamicSecurityClient> e : dynsec.entrySet()) {
            try {
                List<JsonNode> answers = e.getValue().execute(commands);
                check.accept(e.getValue(), answers);
            } catch (BrokerAccessException ex) {
                failed.add("broker " + e.getKey() + ": " + ex.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new BrokerAccessException(String.join("; ", failed));
        }
    }

    @FunctionalInterface
    private interface Check {
        void accept(DynamicSecurityClient broker, List<JsonNode> answers);
    }

    /**
     * Creates the device's account and role, or rotates its password (the client keeps the role it
     * was created with: Mosquitto 2.0 answers a repeated addClientRole with "Internal error").
     * Rotating never enables an account: only {@link #restore} lets a disabled device back in, so a
     * disabled device's new password does not connect either.
     */
    public DeviceCredentials issueCredentials(String deviceId) {
        String role = "device:" + deviceId;
        String password = newPassword();
        List<ObjectNode> setup = new ArrayList<>();
        setup.add(cmd("createRole").put("rolename", role));
        for (Topics.Channel c : PUBLISHES) {
            setup.add(acl(role, "publishClientSend", Topics.device(deviceId, c)));
        }
        setup.add(acl(role, "subscribeLiteral", Topics.commands(deviceId)));
        setup.add(acl(role, "publishClientReceive", Topics.commands(deviceId)));
        ObjectNode create = cmd("createClient").put("username", deviceId).put("password", password).put("clientid", deviceId);
        create.putArray("roles").addObject().put("rolename", role).put("priority", 0);
        setup.add(create);
        onEveryBroker(setup, (broker, answers) -> {
            for (int i = 0; i < answers.size() - 1; i++) {
                requireOkOrExists(answers.get(i));
            }
            if (isError(answers.get(answers.size() - 1))) {
                requireOkOrExists(answers.get(answers.size() - 1));
                List<JsonNode> rotate = broker.execute(List.of(
                        cmd("setClientPassword").put("username", deviceId).put("password", password),
                        cmd("setClientId").put("username", deviceId).put("clientid", deviceId)));
                rotate.forEach(BrokerAccess::requireOkOrExists);
            }
        });
        return new DeviceCredentials(deviceId, password, deviceId);
    }

    /**
     * The shared account new devices provision themselves with: it may publish only provisioning
     * requests and subscribe only to one literal response topic at a time. A subscribe pattern ACL
     * would also admit the wildcard filter {@code cc/v1/provision/+/response} itself (which would
     * read every device's credentials), so that exact filter is denied first.
     */
    public void ensureProvisioningAccount(String username, String password) {
        String role = "provisioning";
        String responses = Topics.PROVISION + "+/response";
        List<ObjectNode> setup = new ArrayList<>(List.of(
                cmd("createRole").put("rolename", role),
                cmd("addRoleACL").put("rolename", role).put("acltype", "subscribeLiteral").put("topic", responses).put("priority", 10).put("allow", false),
                acl(role, "subscribePattern", responses),
                acl(role, "publishClientSend", Topics.PROVISION + "+/request"),
                acl(role, "publishClientReceive", responses)));
        ObjectNode create = cmd("createClient").put("username", username).put("password", password);
        create.putArray("roles").addObject().put("rolename", role).put("priority", 0);
        setup.add(create);
        onEveryBroker(setup, (broker, answers) -> {
            answers.subList(0, answers.size() - 1).forEach(BrokerAccess::requireOkOrExists);
            JsonNode created = answers.get(answers.size() - 1);
            // setting a password disconnects every client of the account (Mosquitto: "administrative action"), so
            // it is set only when it differs: an instance starting would otherwise cut off the devices provisioning now
            if (isError(created)) {
                requireOkOrExists(created);
                if (!canLogIn(broker.url(), username, password)) {
                    broker.execute(List.of(cmd("setClientPassword").put("username", username).put("password", password)))
                            .forEach(BrokerAccess::requireOkOrExists);
                }
            }
        });
    }

    /** Whether the account logs in with this password now (a connect and a disconnect). */
    private static boolean canLogIn(String url, String username, String password) {
        try {
            MqttClient c = new MqttClient(url, "rw-login-check-" + newPassword().substring(0, 12), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(username);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            o.setConnectionTimeout(10);
            try {
                c.connect(o);
                c.disconnect();
                return true;
            } finally {
                c.close();
            }
        } catch (MqttException e) {
            return false;
        }
    }

    /** Lets a disabled device's account connect again. */
    public void restore(String deviceId) {
        onEveryBroker(List.of(cmd("enableClient").put("username", deviceId)), (broker, answers) -> answers.forEach(BrokerAccess::requireOkOrExists));
    }

    /** Blocks the device's account; a connected device is disconnected by the broker at once. */
    public void revoke(String deviceId) {
        onEveryBroker(List.of(cmd("disableClient").put("username", deviceId)), (broker, answers) -> answers.forEach(BrokerAccess::requireOkOrExists));
    }

    private ObjectNode cmd(String name) {
        return json.createObjectNode().put("command", name);
    }

    private ObjectNode acl(String role, String type, String topic) {
        return cmd("addRoleACL").put("rolename", role).put("acltype", type).put("topic", topic).put("priority", 0).put("allow", true);
    }

    private static boolean isError(JsonNode answer) {
        return answer.hasNonNull("error");
    }

    private static void requireOkOrExists(JsonNode answer) {
        if (isError(answer) && !answer.path("error").asText().toLowerCase().contains("already")) {
            throw new BrokerAccessException(answer.path("command").asText() + ": " + answer.path("error").asText());
        }
    }

    private static String newPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void destroy() {
        dynsec.values().forEach(DynamicSecurityClient::close);
    }
}
