package org.redwhistle.devices.simulator;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.redwhistle.devices.contract.DemoDistrictPlan;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residents of the demo village blowing the whistle (一键吹响) from their phones, through exactly the
 * REST calls the residents' page (/whistle.html) makes: log in with their mobile number, pick a
 * category from the catalogue, take a photo (a camera frame of the village when the footage is
 * there, else a drawn picture) and upload it, file the request at a spot inside their own community of
 * the demo district ({@link DemoDistrictPlan}; now and then somewhere else in the district, where they
 * happen to be), and later evaluate what is reported as handled. One request every {@code every}, from
 * a resident taken in turn, so the case boards of every community are never still.
 */
final class ResidentSimulator implements AutoCloseable {

    private static final Map<String, String[]> SAYINGS = Map.of(
            "环境", new String[] {"楼道里堆满了杂物，影响通行", "垃圾桶满了两天没人清运，气味很大"},
            "道路", new String[] {"小区北门的路灯不亮了，晚上出行不便", "路面井盖松动，车一压就响"},
            "治安", new String[] {"后门的门禁坏了，陌生人随便进出", "车棚有人撬电动车锁"},
            "纠纷", new String[] {"楼上漏水到我家，协商了几次没结果", "邻居加高院墙挡住了我家的采光"},
            "噪", new String[] {"夜里十一点了还在装修，噪音很大", "广场舞音响太响，影响老人休息"},
            "消防", new String[] {"消防通道被私家车堵住了", "楼道里有人给电动车充电，拉着电线"},
            "供水", new String[] {"小区停水一整天了，也没有通知", "楼下电表箱门坏了，电线露在外面"},
            "停车", new String[] {"车辆乱停，把单元门口堵住了", "有辆车在消防栓前停了三天"},
            "违章", new String[] {"一楼住户在院子里私搭了一间彩钢房", "楼顶有人在加盖"},
            "帮扶", new String[] {"独居的王奶奶几天没出门了，麻烦去看看", "邻居家孩子放学没人管，想问问社区有没有托管"});

    private final URI api;
    private final List<String> phones;
    private final String password;
    private final Duration every;
    private final CameraFeed feed;
    private final Random random = new Random();
    private final Map<String, PlatformClient> sessions = new HashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "resident-simulator");
        t.setDaemon(true);
        return t;
    });
    private int turn;

    ResidentSimulator(URI api, List<String> phones, String password, Duration every, CameraFeed feed) {
        this.api = api;
        this.phones = List.copyOf(phones);
        this.password = password;
        this.every = every;
        this.feed = feed;
    }

    void start() {
        if (phones.isEmpty() || every.isZero()) {
            return;
        }
        timer.scheduleWithFixedDelay(this::safeRound, 20, every.toSeconds(), TimeUnit.SECONDS);
    }

    private void safeRound() {
        String phone = phones.get(turn++ % phones.size());
        try {
            PlatformClient me = session(phone);
            evaluateHandled(me, phone);
            whistle(me, phone);
        } catch (IOException | RuntimeException e) {
            sessions.remove(phone); // log in again next time (an expired token, a restarted server)
            System.err.println("simulator: resident " + phone + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PlatformClient session(String phone) throws IOException, InterruptedException {
        PlatformClient c = sessions.get(phone);
        if (c == null) {
            c = new PlatformClient(api);
            c.login(phone, password);
            sessions.put(phone, c);
        }
        return c;
    }

    /** 群众评事: the resident's requests the community reports as handled, mostly to their satisfaction. */
    private void evaluateHandled(PlatformClient me, String phone) throws IOException, InterruptedException {
        for (JsonNode c : me.get("/api/v1/cases?status=HANDLED&limit=20").path("items")) {
            int mood = random.nextInt(100);
            String satisfaction = mood < 80 ? "SATISFIED" : mood < 95 ? "BASICALLY_SATISFIED" : "DISSATISFIED";
            var body = json.createObjectNode().put("resolved", mood < 95).put("satisfaction", satisfaction)
                    .put("note", mood < 80 ? "处理很及时，谢谢社区" : mood < 95 ? "基本解决了" : "问题还在，请再看看");
            me.send("POST", "/api/v1/cases/" + c.path("id").asLong() + "/evaluate", body.toString());
            System.out.println("simulator: resident " + phone + " evaluated " + c.path("ref").asText() + " " + satisfaction);
        }
    }

    /** 一键吹响: a category, a photo, a place, a sentence. */
    private void whistle(PlatformClient me, String phone) throws IOException, InterruptedException {
        List<JsonNode> categories = new ArrayList<>();
        me.get("/api/v1/case-categories").path("items").forEach(categories::add);
        if (categories.isEmpty()) {
            throw new IOException("the category catalogue is empty");
        }
        JsonNode category = categories.get(random.nextInt(categories.size()));
        String name = category.path("name").asText();
        String photo = me.upload("/api/v1/case-photos", photo(name), "image/jpeg").path("url").asText();
        DemoDistrictPlan.Box b = place(phone).box();
        var body = json.createObjectNode().put("category", category.path("code").asText()).put("description", saying(name))
                .put("lon", b.x0() + 0.0005 + random.nextDouble() * (b.x1() - b.x0() - 0.001))
                .put("lat", b.y0() + 0.0005 + random.nextDouble() * (b.y1() - b.y0() - 0.001)).put("crs", "wgs84");
        body.putArray("photos").add(photo);
        JsonNode filed = me.send("POST", "/api/v1/cases", body.toString());
        System.out.println("simulator: resident " + phone + " blew the whistle: " + filed.path("ref").asText() + " " + name);
    }

    /** The resident's own community, or one in five times any community of the district (a resident not in the plan: any). */
    private DemoDistrictPlan.Community place(String phone) {
        List<DemoDistrictPlan.Community> all = DemoDistrictPlan.communities();
        String home = DemoDistrictPlan.residents().stream().filter(r -> r.phone().equals(phone)).map(DemoDistrictPlan.Resident::community)
                .findFirst().orElse(null);
        if (home == null || random.nextInt(5) == 0) {
            return all.get(random.nextInt(all.size()));
        }
        return all.stream().filter(c -> c.code().equals(home)).findFirst().orElseThrow();
    }

    private String saying(String category) {
        for (Map.Entry<String, String[]> e : SAYINGS.entrySet()) {
            if (category.contains(e.getKey())) {
                return e.getValue()[random.nextInt(e.getValue().length)];
            }
        }
        return category + "的问题，麻烦社区来看看";
    }

    /** What the phone's camera sees: a frame of the village's footage, or a drawn picture when there is none. */
    private byte[] photo(String category) throws IOException {
        if (feed != null) {
            return feed.frame("resident-phone", false);
        }
        BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(196, 214, 230));
        g.fillRect(0, 0, 800, 330);
        g.setColor(new Color(150, 140, 120));
        g.fillRect(0, 330, 800, 270);
        g.setColor(new Color(120 + random.nextInt(100), 60, 50));
        g.fillRect(120 + random.nextInt(300), 200, 220, 230);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
        g.drawString(category, 40, 560);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
