package org.redwhistle.ingest.pipeline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

import org.redwhistle.ingest.pipeline.internal.IngestWriter;

/**
 * Benchmark baseline: the database alone. Writes the same rows the pipeline writes (same statement,
 * same batch size, same payload shape) from one connection, one transaction per batch, and prints
 * rows/s. Run from the application jar:
 * {@code java -cp red-whistle.jar -Dloader.main=org.redwhistle.ingest.pipeline.bench.DatabaseCeiling
 * org.springframework.boot.loader.launch.PropertiesLauncher <jdbcUrl> <user> <password> <rows> <batch>}.
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
                String[] device = new String[n];
                String[] msg = new String[n];
                Timestamp[] ts = new Timestamp[n];
                String[] type = new String[n];
                Double[] lon = new Double[n];
                Double[] lat = new Double[n];
                Long[] grid = new Long[n];
                String[] payload = new String[n];
                for (int i = 0; i < n; i++) {
                    long now = System.currentTimeMillis();
                    int k = written + i;
                    device[i] = run + "-d" + (k % 100);
                    msg[i] = run + "-" + k;
                    ts[i] = new Timestamp(now);
                    type[i] = "camera.motion";
                    lon[i] = 119.1205 + (k % 97) * 0.0001;
                    lat[i] = 36.7005 + (k % 89) * 0.0001;
                    grid[i] = null;
                    payload[i] = "{\"msgId\":\"" + msg[i] + "\",\"ts\":\"" + Instant.ofEpochMilli(now)
                            + "\",\"type\":\"camera.motion\",\"lon\":" + lon[i] + ",\"lat\":" + lat[i]
                            + ",\"score\":0.42,\"sentMs\":" + now + "}";
                }
                try (PreparedStatement ps = c.prepareStatement(IngestWriter.INSERT_EVENTS)) {
                    ps.setArray(1, c.createArrayOf("text", device));
                    ps.setArray(2, c.createArrayOf("text", msg));
                    ps.setArray(3, c.createArrayOf("timestamptz", ts));
                    ps.setArray(4, c.createArrayOf("text", type));
                    ps.setArray(5, c.createArrayOf("float8", lon));
                    ps.setArray(6, c.createArrayOf("float8", lat));
                    ps.setArray(7, c.createArrayOf("int8", grid));
                    ps.setArray(8, c.createArrayOf("text", payload));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            // drain RETURNING like the pipeline does
                        }
                    }
                }
                c.commit();
                written += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT db rows=%d batch=%d seconds=%.3f rate=%.0f%n", rows, batch, seconds, rows / seconds);
            try (PreparedStatement del = c.prepareStatement("delete from device_event where device_id like ?")) {
                del.setString(1, run + "-%");
                del.executeUpdate();
                c.commit();
            }
        }
    }
}
