package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.cases.CasePhotos;
import org.redwhistle.api.images.TestPictures;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import tools.jackson.databind.JsonNode;

/**
 * Photos of requests over HTTP against the real database: uploads checked and normalized (EXIF and
 * its GPS position gone from what is stored), attached to the resident's request and the grid
 * worker's report, returned with the case, served to who may see the case and to the Open311 client
 * whose request it is, and refused to everyone else.
 */
class CasePhotosTest extends IntegrationTest {

    @Autowired
    CasePhotos casePhotos;

    private EntityExchangeResult<byte[]> upload(String user, String type, byte[] body, int status) {
        return http().post().uri("/api/v1/case-photos").header("Authorization", "Bearer " + user).contentType(MediaType.parseMediaType(type))
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
    }

    /** Uploads as a demo user; returns {id, url}. */
    private JsonNode uploaded(String username, String type, byte[] body) {
        return JSON.readTree(upload(token(username), type, body, 201).getResponseBody());
    }

    private JsonNode refused(String username, String type, byte[] body, int status) {
        return JSON.readTree(upload(token(username), type, body, status).getResponseBody());
    }

    private byte[] fetch(String bearer, String url, int status) {
        return http().get().uri(url).header("Authorization", "Bearer " + bearer).exchange().expectStatus().isEqualTo(status).expectBody()
                .returnResult().getResponseBody();
    }

    private JsonNode post(String bearer, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + bearer).bodyValue(body).exchange().expectStatus().isEqualTo(status)
                .expectBody().returnResult();
        return JSON.readTree(r.getResponseBody());
    }

    private JsonNode file(String bearer, List<String> photos, int status) {
        return post(bearer, "/api/v1/cases", Map.of("category", "ENV", "description", "楼道堆放杂物（照片测试）", "photos", photos,
                "lon", 119.1215, "lat", 36.7075), status);
    }

    private static String field(JsonNode problem) {
        return problem.path("errors").path(0).path("field").asText();
    }

    /** A second resident of 松鹤园社区, made for this test (the demo has one). */
    private String otherResident() {
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, area_id)
                select 'resident-photos-2', '居民 测试二', 'not-a-login', 'RESIDENT', area_id from app_user where username = 'resident'
                on conflict (username) do nothing""").update();
        return tokenExpiringIn("resident-photos-2", Duration.ofMinutes(30));
    }

    private long stored(String what, long id) {
        return jdbc.sql("select " + what + " from case_photo where id = ?").param(id).query(Long.class).single();
    }

    @Test
    void jpegPngAndWebpAreStoredAsResizedJpegsServedPrivatelyToTheUploader() throws Exception {
        JsonNode jpeg = uploaded("resident", "image/jpeg", TestPictures.jpeg(3000, 1200));
        long id = jpeg.path("id").asLong();
        assertThat(jpeg.path("url").asText()).isEqualTo("/api/v1/case-photos/" + id);
        var served = http().get().uri(jpeg.path("url").asText()).header("Authorization", "Bearer " + token("resident")).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_JPEG).expectHeader()
                .value("Cache-Control", v -> assertThat(v).contains("private")).expectBody().returnResult().getResponseBody();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(new int[] {back.getWidth(), back.getHeight()}).containsExactly(1600, 640);
        assertThat(new long[] {stored("width", id), stored("height", id), stored("bytes", id)}).containsExactly(1600, 640, served.length);
        assertThat(jdbc.sql("select case_id is null and stage = 'SUBMITTED' from case_photo where id = ?").param(id).query(Boolean.class).single())
                .isTrue();

        for (Object[] c : new Object[][] {{"image/png", TestPictures.png(300, 200, true), 300L}, {"image/webp", TestPictures.resource("scene-lossy.webp"), 96L},
            {"image/webp", TestPictures.resource("scene-lossless.webp"), 96L}}) {
            long pid = uploaded("grid1", (String) c[0], (byte[]) c[1]).path("id").asLong();
            assertThat(jdbc.sql("select content_type from case_photo where id = ?").param(pid).query(String.class).single()).isEqualTo("image/jpeg");
            assertThat(stored("width", pid)).isEqualTo((long) c[2]);
        }

        // not attached yet: nobody but the uploader
        fetch(token("operator"), jpeg.path("url").asText(), 404);
        fetch(otherResident(), jpeg.path("url").asText(), 404);
        fetch(token("resident"), "/api/v1/case-photos/987654321", 404);
        http().get().uri(jpeg.path("url").asText()).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void thePhonesExifWithItsGpsPositionNeverReachesStorage() throws Exception {
        byte[] phone = TestPictures.jpegWithExif(800, 600, 6);
        assertThat(TestPictures.hasExifSegment(phone)).isTrue();
        long id = uploaded("resident", "image/jpeg", phone).path("id").asLong();
        byte[] data = jdbc.sql("select data from case_photo where id = ?").param(id).query(byte[].class).single();
        assertThat(TestPictures.hasExifSegment(data)).isFalse();
        assertThat(new String(data, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        // the orientation tag was applied before it was dropped: a portrait photo stays portrait
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(fetch(token("resident"), "/api/v1/case-photos/" + id, 200)));
        assertThat(new int[] {upright.getWidth(), upright.getHeight()}).containsExactly(600, 800);
    }

    @Test
    void wrongTypesDamagedOversizedAndHugePicturesAreRefusedNamingWhy() {
        long before = jdbc.sql("select count(*) from case_photo").query(Long.class).single();
        assertThat(field(refused("resident", "image/jpeg", "这不是图片".getBytes(StandardCharsets.UTF_8), 422))).isEqualTo("photo");
        JsonNode mismatched = refused("resident", "image/webp", TestPictures.png(50, 50, false), 422);
        assertThat(field(mismatched)).isEqualTo("photo");
        assertThat(mismatched.path("detail").asText()).contains("image/png", "image/webp");
        byte[] jpeg = TestPictures.jpeg(640, 480);
        assertThat(refused("resident", "image/jpeg", java.util.Arrays.copyOf(jpeg, jpeg.length / 2), 422).path("detail").asText()).contains("damaged");
        assertThat(field(refused("resident", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), 415))).isEqualTo("Content-Type");
        JsonNode huge = refused("resident", "image/png", TestPictures.pngClaiming(10_000, 10_000), 422);
        assertThat(huge.path("detail").asText()).contains("10000 × 10000", "megapixels");
        byte[] big = new byte[11 * 1024 * 1024];
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);
        JsonNode oversize = refused("resident", "image/jpeg", big, 413);
        assertThat(field(oversize)).isEqualTo("photo");
        assertThat(oversize.path("detail").asText()).contains("at most 10 MiB");
        assertThat(jdbc.sql("select count(*) from case_photo").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void oneUserKeepsAtMostThirtyUploadsWaitingToBeAttached() {
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, area_id)
                select 'resident-photos-3', '居民 测试三', 'not-a-login', 'RESIDENT', area_id from app_user where username = 'resident'
                on conflict (username) do nothing""").update();
        String bearer = tokenExpiringIn("resident-photos-3", Duration.ofMinutes(30));
        byte[] jpeg = TestPictures.jpeg(32, 32);
        for (int i = 0; i < 30; i++) {
            upload(bearer, "image/jpeg", jpeg, 201);
        }
        JsonNode full = JSON.readTree(upload(bearer, "image/jpeg", jpeg, 422).getResponseBody());
        assertThat(field(full)).isEqualTo("photo");
        assertThat(full.path("detail").asText()).contains("30 photos not yet attached");
    }

    @Test
    void onlyTheRolesThatFileOrReportRequestsMayUpload() {
        byte[] jpeg = TestPictures.jpeg(64, 64);
        for (String refusedRole : List.of("integrator", "police")) {
            JsonNode p = JSON.readTree(upload(token(refusedRole), "image/jpeg", jpeg, 403).getResponseBody());
            assertThat(p.path("title").asText()).isEqualTo("Forbidden by the access policy");
        }
        uploaded("patrol1", "image/jpeg", jpeg);
        uploaded("department", "image/jpeg", jpeg);
    }

    @Test
    void theResidentsUploadsBecomeTheRequestsPhotosSeenByItsCommunityOnly() {
        String p1 = uploaded("resident", "image/jpeg", TestPictures.jpeg(400, 300)).path("url").asText();
        String p2 = uploaded("resident", "image/png", TestPictures.png(300, 400, false)).path("url").asText();
        String other = otherResident();
        String theirs = JSON.readTree(upload(other, "image/jpeg", TestPictures.jpeg(100, 100), 201).getResponseBody()).path("url").asText();
        long cases = jdbc.sql("select count(*) from case_file").query(Long.class).single();

        // someone else's upload, a link instead of an upload, the same photo twice: refused, nothing filed or attached
        assertThat(field(file(token("resident"), List.of(p1, theirs), 422))).isEqualTo("photos[1]");
        assertThat(field(file(token("resident"), List.of("https://example.invalid/p.jpg"), 422))).isEqualTo("photos[0]");
        assertThat(field(file(token("resident"), List.of(p1, p1), 422))).isEqualTo("photos[1]");
        assertThat(jdbc.sql("select count(*) from case_file").query(Long.class).single()).isEqualTo(cases);
        assertThat(jdbc.sql("select count(*) from case_photo where case_id is not null and id = ?").param(id(p1)).query(Long.class).single()).isZero();

        JsonNode c = file(token("resident"), List.of(p1, p2), 201);
        long caseId = c.path("id").asLong();
        assertThat(c.path("photos").valueStream().map(p -> p.path("url").asText())).containsExactly(p1, p2);
        JsonNode first = c.path("photos").get(0);
        assertThat(first.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(first.path("stageLabel").asText()).isEqualTo("群众上传");
        assertThat(first.path("uploadedBy").asText()).isEqualTo("resident");
        assertThat(Instant.parse(first.path("at").asText())).isBefore(Instant.parse(c.path("submittedAt").asText()).plusSeconds(1));
        assertThat(c.path("timeline").get(0).path("note").asText()).contains("附现场照片 2 张");
        // in the list too
        JsonNode listed = getJson("/api/v1/cases?limit=50", "operator").path("items").valueStream().filter(x -> x.path("id").asLong() == caseId)
                .findFirst().orElseThrow();
        assertThat(listed.path("photos")).hasSize(2);

        // attached once: a second request cannot take it
        assertThat(field(file(token("resident"), List.of(p2), 422))).isEqualTo("photos[0]");

        // the case's community and the resident see it; another community's operator and another resident do not
        assertThat(fetch(token("operator"), p1, 200)).isNotEmpty();
        assertThat(fetch(token("operator-street"), p1, 200)).isNotEmpty();
        assertThat(fetch(token("resident"), p2, 200)).isNotEmpty();
        fetch(token("operator-kwm"), p1, 404);
        fetch(other, p1, 404);
        // the attached photo outlives the sweep of unattached uploads; the other resident's lone upload does not
        casePhotos.sweepUnattached(Instant.now().plus(Duration.ofDays(2)));
        assertThat(jdbc.sql("select count(*) from case_photo where id in (?, ?)").params(id(p1), id(theirs)).query(Long.class).single()).isEqualTo(1);
    }

    private static long id(String url) {
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void theGridWorkersReportCarriesPicturesBeforeOrAfterTheWork() {
        long caseId = file(token("resident"), List.of(), 201).path("id").asLong();
        String before = uploaded("grid1", "image/jpeg", TestPictures.jpeg(500, 400)).path("url").asText();
        String after = uploaded("grid1", "image/webp", TestPictures.resource("scene-lossy.webp")).path("url").asText();
        String residents = uploaded("resident", "image/jpeg", TestPictures.jpeg(50, 50)).path("url").asText();
        post(token("operator"), "/api/v1/cases/" + caseId + "/take", Map.of("photos", List.of(before)), 400);
        post(token("operator"), "/api/v1/cases/" + caseId + "/take", Map.of(), 200);
        post(token("operator"), "/api/v1/cases/" + caseId + "/assign", Map.of("assignee", "grid1"), 200);

        String path = "/api/v1/cases/" + caseId + "/report";
        assertThat(field(post(token("grid1"), path, Map.of("note", "已清理", "photos", List.of(before), "photoStage", "DURING"), 400)))
                .isEqualTo("photoStage");
        assertThat(field(post(token("grid1"), path, Map.of("note", "已清理", "photos", List.of(before, residents)), 422))).isEqualTo("photos[1]");
        JsonNode reported = post(token("grid1"), path, Map.of("note", "已清理", "photos", List.of(before, after), "photoStage", "BEFORE"), 200);
        assertThat(reported.path("status").asText()).isEqualTo("HANDLED");
        assertThat(reported.path("photos").valueStream().map(p -> p.path("stageLabel").asText())).containsExactly("处置前", "处置前");
        assertThat(reported.path("photos").valueStream().map(p -> p.path("uploadedBy").asText())).containsOnly("grid1");
        assertThat(reported.path("timeline").valueStream().filter(s -> s.path("action").asText().equals("report")).findFirst().orElseThrow()
                .path("note").asText()).contains("已清理").contains("附现场照片 2 张");
        // the resident who filed the case sees the worker's pictures
        assertThat(fetch(token("resident"), after, 200)).isNotEmpty();
    }

    // ---- Open311 ----

    private String open311Key(String name) {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        return JSON.readTree(post(token("admin"), "/api/v1/open311-keys", Map.of("name", name, "areaId", shy), 200).toString())
                .path("apiKey").asText();
    }

    private JsonNode open311File(String key, String mediaUrl) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("api_key", key);
        form.add("service_code", "ENV");
        form.add("lat", "36.7075");
        form.add("long", "119.1215");
        form.add("description", "垃圾桶满溢（Open311 照片测试）");
        if (mediaUrl != null) {
            form.add("media_url", mediaUrl);
        }
        return JSON.readTree(http().post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get(0);
    }

    private JsonNode open311Read(String key, String ref) {
        return JSON.readTree(http().get().uri("/open311/v2/requests/" + ref + ".json?api_key=" + key).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get(0);
    }

    @Test
    void open311MediaUrlIsTheFirstPhotoAndOnlyTheFilingKeyFetchesAnUploadedOne() {
        String key = open311Key("PhotoClient");
        String otherKey = open311Key("OtherClient");

        // a link given as media_url comes back as media_url, and as a photo with id 0 in the REST view
        String linked = open311File(key, "https://example.invalid/bin.jpg").path("service_request_id").asText();
        assertThat(open311Read(key, linked).path("media_url").asText()).isEqualTo("https://example.invalid/bin.jpg");
        long linkedId = jdbc.sql("select id from case_file where ref = ?").param(linked).query(Long.class).single();
        JsonNode linkedPhoto = getJson("/api/v1/cases/" + linkedId, "operator").path("photos").get(0);
        assertThat(linkedPhoto.path("id").asLong()).isZero();
        assertThat(linkedPhoto.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(linkedPhoto.path("url").asText()).isEqualTo("https://example.invalid/bin.jpg");

        // anything but an absolute web address is refused: a protocol-relative or script link would be followed by the pages
        for (String bad : List.of("//evil.example/x.jpg", "javascript:alert(1)", "/api/v1/case-photos/1", "ftp://example.invalid/x.jpg")) {
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("api_key", key);
            form.add("service_code", "ENV");
            form.add("lat", "36.7075");
            form.add("long", "119.1215");
            form.add("description", "坏链接");
            form.add("media_url", bad);
            JsonNode refused = JSON.readTree(http().post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
            assertThat(refused.get(0).path("description").asText()).as(bad).contains("media_url");
        }

        // without one: no media_url until the grid worker reports with a picture
        String ref = open311File(key, null).path("service_request_id").asText();
        assertThat(open311Read(key, ref).path("media_url").isNull()).isTrue();
        long caseId = jdbc.sql("select id from case_file where ref = ?").param(ref).query(Long.class).single();
        post(token("operator"), "/api/v1/cases/" + caseId + "/take", Map.of(), 200);
        post(token("operator"), "/api/v1/cases/" + caseId + "/assign", Map.of("assignee", "grid1"), 200);
        long photo = uploaded("grid1", "image/jpeg", TestPictures.jpeg(300, 300)).path("id").asLong();
        post(token("grid1"), "/api/v1/cases/" + caseId + "/report", Map.of("note", "已清运", "photos", List.of("/api/v1/case-photos/" + photo)), 200);

        String media = open311Read(key, ref).path("media_url").asText();
        assertThat(media).isEqualTo("/open311/v2/media/" + photo);
        byte[] got = http().get().uri(media + "?api_key=" + key).exchange().expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectBody().returnResult().getResponseBody();
        assertThat(got).isEqualTo(jdbc.sql("select data from case_photo where id = ?").param(photo).query(byte[].class).single());
        JsonNode wrongKey = JSON.readTree(http().get().uri(media + "?api_key=" + otherKey).exchange().expectStatus().isNotFound().expectBody()
                .returnResult().getResponseBody());
        assertThat(wrongKey.get(0).path("code").asInt()).isEqualTo(404);
        http().get().uri(media).exchange().expectStatus().isForbidden();
        http().get().uri(media + "?api_key=o311_nonsense").exchange().expectStatus().isForbidden();
    }
}
