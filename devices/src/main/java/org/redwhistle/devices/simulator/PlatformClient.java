package org.redwhistle.devices.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.redwhistle.devices.contract.DeviceKind;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls the simulator makes: as a device integrator, log in, list the devices of the
 * village and obtain each device's own broker credentials; as a resident, what the residents' page does.
 */
final class PlatformClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI api;
    private String token;

    PlatformClient(URI api) {
        this.api = api;
    }

    void login(String username, String password) throws IOException, InterruptedException {
        var body = json.createObjectNode().put("username", username).put("password", password);
        token = send("POST", "/api/v1/auth/token", body.toString()).path("accessToken").asText();
    }

    String token() {
        return token;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** A device's own broker credentials (ADMIN): username, password, client id. */
    String[] deviceCredentials(String deviceId) throws IOException, InterruptedException {
        JsonNode c = send("POST", "/api/v1/devices/" + deviceId + "/credentials", null);
        return new String[] {c.path("username").asText(), c.path("password").asText(), c.path("clientId").asText()};
    }

    /** Issues a provisioning key for the integrator's own area; returns the key, its secret and the broker access. */
    ProvisioningAccess createProvisioningKey(String name, int quota) throws IOException, InterruptedException {
        var body = json.createObjectNode().put("name", name).put("quota", quota).put("validDays", 1);
        var kinds = body.putArray("kinds");
        DeviceKind.values().forEach(k -> kinds.add(k.wire()));
        return access(send("POST", "/api/v1/provisioning-keys", body.toString()));
    }

    private static ProvisioningAccess access(JsonNode k) {
        JsonNode m = k.path("mqtt");
        return new ProvisioningAccess(k.path("key").asText(), k.path("secret").asText(), m.path("url").asText(),
                m.path("username").asText(), m.path("password").asText());
    }

    /** A JSON request: {@code body} null for none. */
    JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    /** A raw upload (a photo) with its content type. */
    JsonNode upload(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType) throws IOException, InterruptedException {
        var req = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null) {
            req.header("Content-Type", contentType);
        }
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " -> HTTP " + res.statusCode() + ": " + res.body());
        }
        return json.readTree(res.body());
    }

    /** A provisioning key and the shared broker account devices provision themselves with. */
    record ProvisioningAccess(String key, String secret, String brokerUrl, String username, String password) {
    }
}
