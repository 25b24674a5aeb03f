package org.redwhistle.ingest.broker;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
 */
@Service
public class BrokerAccess implements DisposableBean {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Topics.Channel[] PUBLISHES = {Topics.Channel.EVENTS, Topics.Channel.TELEMETRY,
        Topics.Channel.STATUS, Topics.Channel.SNAPSHOTS, Topics.Channel.COMMAND_ACKS};

    private final JsonMapper json;
    private final DynamicSecurityClient dynsec;

    public BrokerAccess(MqttProperties props, JsonMapper json) {
        this.json = json;
        this.dynsec = new DynamicSecurityClient(props.url(), props.instanceId() + "-dynsec",
                MqttClientOptions.of(props), json);
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
        List<JsonNode> answers = dynsec.execute(setup);
        for (int i = 0; i < answers.size() - 1; i++) {
            requireOkOrExists(answers.get(i));
        }
        if (isError(answers.get(answers.size() - 1))) {
            requireOkOrExists(answers.get(answers.size() - 1));
            List<JsonNode> rotate = dynsec.execute(List.of(
                    cmd("setClientPassword").put("username", deviceId).put("password", password),
                    cmd("setClientId").put("username", deviceId).put("clientid", deviceId)));
            rotate.forEach(BrokerAccess::requireOkOrExists);
        }
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
        List<JsonNode> answers = dynsec.execute(List.of(
                cmd("createRole").put("rolename", role),
                cmd("addRoleACL").put("rolename", role).put("acltype", "subscribeLiteral").put("topic", responses).put("priority", 10).put("allow", false),
                acl(role, "subscribePattern", responses),
                acl(role, "publishClientSend", Topics.PROVISION + "+/request"),
                acl(role, "publishClientReceive", responses)));
        answers.forEach(BrokerAccess::requireOkOrExists);
        ObjectNode create = cmd("createClient").put("username", username).put("password", password);
        create.putArray("roles").addObject().put("rolename", role).put("priority", 0);
        JsonNode created = dynsec.execute(List.of(create)).get(0);
        if (isError(created)) {
            requireOkOrExists(created);
            dynsec.execute(List.of(cmd("setClientPassword").put("username", username).put("password", password)))
                    .forEach(BrokerAccess::requireOkOrExists);
        }
    }

    /** Lets a disabled device's account connect again. */
    public void restore(String deviceId) {
        dynsec.execute(List.of(cmd("enableClient").put("username", deviceId))).forEach(BrokerAccess::requireOkOrExists);
    }

    /** Blocks the device's account; a connected device is disconnected by the broker at once. */
    public void revoke(String deviceId) {
        dynsec.execute(List.of(cmd("disableClient").put("username", deviceId))).forEach(BrokerAccess::requireOkOrExists);
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
        dynsec.close();
    }
}
