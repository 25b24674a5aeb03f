package org.redwhistle.devices.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls the simulator makes as a device integrator: log in, list the devices of the
 * village, and obtain each device's own broker credentials.
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

    List<DeviceInfo> devices() throws IOException, InterruptedException {
        JsonNode page = send("GET", "/api/v1/devices?limit=1000", null);
        List<DeviceInfo> out = new ArrayList<>();
        for (JsonNode d : page.path("items")) {
            out.add(new DeviceInfo(d.path("id").asText(), d.path("kind").asText(), d.path("name").asText(),
                    d.path("lon").asDouble(), d.path("lat").asDouble(),
                    d.path("attributes").path("zoneId").asText(d.path("id").asText())));
        }
        return out;
    }

    Credentials issueCredentials(String deviceId) throws IOException, InterruptedException {
        JsonNode c = send("POST", "/api/v1/devices/" + deviceId + "/credentials", "{}");
        return new Credentials(c.path("username").asText(), c.path("password").asText(), c.path("clientId").asText());
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        var req = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            req.header("Content-Type", "application/json");
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

    /** A device as the registry describes it. */
    record DeviceInfo(String id, String kind, String name, double lon, double lat, String zoneId) {
    }

    /** One device's own broker account. */
    record Credentials(String username, String password, String clientId) {
    }
}
