package org.redwhistle.ingest.snapshots;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks, thumbnails and stores a camera's JPEG snapshot with its metadata and retention, linked
 * to the event it belongs to (and that event's alarm, if any). What is not a camera's JPEG of a
 * sane size is refused with the reason; the caller dead-letters it.
 */
@Component
public class SnapshotStore {

    /** Why a snapshot was refused. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final SnapshotProperties props;
    private final DeviceDirectory devices;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ClusterJobs jobs;

    public SnapshotStore(SnapshotProperties props, DeviceDirectory devices, JdbcClient jdbc, ApplicationEventPublisher events, ClusterJobs jobs) {
        this.jobs = jobs;
        this.props = props;
        this.devices = devices;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * The snapshot's metadata as the MQTT 5 user properties carry it (any may be absent): the event it
     * was taken for, when, and the {@code capture_snapshot} command it answers.
     */
    public record Metadata(String eventMsgId, String capturedAt, String cmdId) {
    }

    /**
     * Stores the snapshot and announces it; empty when the same delivery (the same JPEG with the same
     * metadata from the same device) was stored before, which a redelivery after a takeover or a
     * reconnect is: it is neither stored nor analysed a second time.
     */
    public Optional<SnapshotStored> store(String deviceId, byte[] jpeg, Metadata meta, Instant receivedAt) throws Refused {
        RegisteredDevice device = devices.find(deviceId).orElseThrow(() -> new Refused("unknown device"));
        if (device.state() == DeviceState.DISABLED) {
            throw new Refused("device is disabled");
        }
        if (!device.kind().sendsSnapshots()) {
            throw new Refused("only " + String.join(", ", DeviceKind.values().stream().filter(DeviceKind::sendsSnapshots).map(DeviceKind::wire).toList())
                    + " devices send snapshots; " + deviceId + " is a " + device.kind().wire());
        }
        if (jpeg.length > props.maxBytes()) {
            throw new Refused("snapshot of " + jpeg.length + " bytes is larger than " + props.maxBytes());
        }
        if (jpeg.length < 3 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8 || (jpeg[2] & 0xff) != 0xFF) {
            throw new Refused("not a JPEG (it does not start with FF D8 FF)");
        }
        Instant captured = receivedAt;
        if (meta.capturedAt() != null) {
            try {
                captured = OffsetDateTime.parse(meta.capturedAt()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Refused("user property capturedAt is not an ISO-8601 time with an offset: " + meta.capturedAt());
            }
        }
        if (meta.eventMsgId() != null && meta.eventMsgId().length() > 64) {
            throw new Refused("user property eventMsgId is longer than 64 characters");
        }
        if (meta.cmdId() != null && meta.cmdId().length() > 64) {
            throw new Refused("user property cmdId is longer than 64 characters");
        }
        BufferedImage image = decode(jpeg);
        byte[] thumb = thumbnail(image);
        // the alarm it belongs to: the one whose verification asked for it (the command's args), else its event's
        Long alarmId = meta.cmdId() == null ? null : jdbc.sql("""
                select a.id from device_command c join alarm a on a.id::text = c.args->>'alarmId'
                where c.id = ? and c.device_id = ? and c.command = 'capture_snapshot'""")
                .params(meta.cmdId(), deviceId).query(Long.class).optional().orElse(null);
        if (alarmId == null && meta.eventMsgId() != null) {
            alarmId = jdbc.sql("select id from alarm where device_id = ? and event_msg_id = ? order by id desc limit 1")
                    .params(deviceId, meta.eventMsgId()).query(Long.class).optional().orElse(null);
        }
        Optional<Long> inserted = jdbc.sql("""
                insert into snapshot (device_id, captured_at, received_at, event_msg_id, cmd_id, alarm_id, width, height, bytes, image, thumbnail,
                                      expires_at, delivery_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (device_id, delivery_key) where delivery_key is not null do nothing
                returning id""")
                .params(deviceId, Timestamp.from(captured), Timestamp.from(receivedAt), meta.eventMsgId(), meta.cmdId(), alarmId, image.getWidth(),
                        image.getHeight(), jpeg.length, jpeg, thumb, Timestamp.from(receivedAt.plus(props.retention())), deliveryKey(jpeg, meta))
                .query(Long.class).optional();
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        long id = inserted.get();
        SnapshotStored stored = new SnapshotStored(id, deviceId, meta.eventMsgId(), meta.cmdId(), alarmId, captured, image.getWidth(),
                image.getHeight(), jpeg);
        events.publishEvent(stored);
        return Optional.of(stored);
    }

    /** SHA-256 over the JPEG and the metadata as sent, each part length-prefixed: one delivery, one key. */
    static byte[] deliveryKey(byte[] jpeg, Metadata meta) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {meta.eventMsgId(), meta.cmdId(), meta.capturedAt()}) {
                byte[] b = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : b.length).array());
                sha.update(b);
            }
            sha.update(jpeg);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Reads the size from the header first, so that a huge image is refused before it is decoded. */
    private BufferedImage decode(byte[] jpeg) throws Refused {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused("not a decodable JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > props.maxPixels()) {
                    throw new Refused("image of " + reader.getWidth(0) + "×" + reader.getHeight(0) + " pixels is larger than "
                            + props.maxPixels() + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("not a decodable JPEG: " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    private byte[] thumbnail(BufferedImage image) throws Refused {
        int w = Math.min(props.thumbnailWidth(), image.getWidth());
        int h = Math.max(1, (int) Math.round((double) image.getHeight() * w / image.getWidth()));
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = t.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(t, "jpg", out);
        } catch (IOException e) {
            throw new Refused("thumbnail failed: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** Hourly, once per cluster ({@link ClusterJobs}). */
    @Scheduled(initialDelayString = "1m", fixedDelayString = "1h")
    public void scheduledPurge() {
        jobs.runExclusively("snapshots.purge", this::purgeExpired);
    }

    /** Snapshots past their retention go; returns how many. */
    public int purgeExpired() {
        return jdbc.sql("delete from snapshot where expires_at < now()").update();
    }
}
