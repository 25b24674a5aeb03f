package org.redwhistle.ingest.pipeline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.redwhistle.devices.contract.EventType;
import org.redwhistle.ingest.pipeline.internal.Decoded;
import org.redwhistle.ingest.pipeline.internal.IngestWriter;

/**
 * Benchmark baseline: the database alone. Writes rows of the pipeline's shape through the
 * pipeline's own insert ({@link IngestWriter#insertEvents}), same batch size, from one connection,
 * one transaction per batch, and prints rows/s. Run as
 * {@code java -jar red-whistle-bench.jar db-ceiling <jdbcUrl> <user> <password> <rows> <batch>}.
 */
public final class DatabaseCeiling {

    private DatabaseCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        String run = "dbceil" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            int written = 0;
            while (written < rows) {
                int n = Math.min(batch, rows - written);
                List<IngestWriter.EventRow> events = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long now = System.currentTimeMillis();
                    int k = written + i;
                    String msgId = run + "-" + k;
                    double lon = 119.1205 + (k % 97) * 0.0001;
                    double lat = 36.7005 + (k % 89) * 0.0001;
                    String payload = "{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Instant.ofEpochMilli(now)
                            + "\",\"type\":\"camera.motion\",\"lon\":" + lon + ",\"lat\":" + lat + ",\"score\":0.42,\"sentMs\":" + now + "}";
                    Decoded.Event e = new Decoded.Event(run + "-d" + (k % 100), msgId, EventType.CAMERA_MOTION,
                            OffsetDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC), lon, lat, null);
                    events.add(new IngestWriter.EventRow(e, lon, lat, null, payload, null));
                }
                IngestWriter.insertEvents(c, events);
                c.commit();
                written += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT db rows=%d batch=%d seconds=%.3f rate=%.0f%n", rows, batch, seconds, rows / seconds);
            for (String table : new String[] {"device_event", "device_event_key"}) {
                try (PreparedStatement del = c.prepareStatement("delete from " + table + " where device_id like ?")) {
                    del.setString(1, run + "-%");
                    del.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
