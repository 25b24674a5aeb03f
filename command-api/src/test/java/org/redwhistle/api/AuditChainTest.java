package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.audit.internal.AuditLinkHash;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The audit log's hash chain: every audit row gets a link when it commits, the verify endpoint
 * recomputes the chain from the rows, and changes only the owner role can make (it may switch the
 * triggers off) show up there as the first broken link, with the reason. Each tampering is undone
 * afterwards, as the owner again, because every test shares the run's one database.
 */
class AuditChainTest extends IntegrationTest {

    private static final HexFormat HEX = HexFormat.of();

    @Autowired
    private AuditLog audit;

    @Test
    void concurrentAuditRowsAreEachChainedOnceInOneUnbrokenSequence() throws Exception {
        String run = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String n = Integer.toString(i);
                writes.add(pool.submit(() -> audit.record("test", "test.chain", run, n, reasonFor(n), Map.of("n", n, "名", "链"))));
            }
            for (Future<?> w : writes) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                select count(*) from audit_log l join audit_chain c on c.audit_id = l.id where l.entity = ?""").param(run)
                .query(Long.class).single()).isEqualTo(80L);
        assertThat(jdbc.sql("select count(*) = max(seq) from audit_chain").query(Boolean.class).single()).as("no gap in the sequence").isTrue();
        assertThat(jdbc.sql("""
                select count(*) from audit_chain c left join audit_chain p on p.seq = c.seq - 1
                where c.prev_hash <> coalesce(p.hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)""")
                .query(Long.class).single()).as("links whose previous hash is not the link before").isZero();
        // the database's hashes, recomputed independently from the rows
        jdbc.sql("""
                select c.prev_hash, c.hash, l.id, l.at, l.actor, l.action, l.entity, l.entity_id, l.reason, l.detail::text
                from audit_chain c join audit_log l on l.id = c.audit_id where l.entity = ?""").param(run).query(rs -> {
            AuditLinkHash.Row row = new AuditLinkHash.Row(rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
            assertThat(AuditLinkHash.of(rs.getBytes(1), row)).as("link of audit row " + row.id()).isEqualTo(rs.getBytes(2));
        });
    }

    private static String reasonFor(String n) {
        return Integer.parseInt(n) % 3 == 0 ? null : "原因 " + n;
    }

    @Test
    void anAuditRowHoldsNoChainLockUntilItsTransactionCommits() throws Exception {
        String run = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection first = appConnection(); Connection second = appConnection()) {
            long firstPid = pid(first);
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            exec(first, "insert into audit_log (actor, action, entity, entity_id) values ('test', 'test.lock', '" + run + "', 'first')");
            exec(second, "update app_user set display_name = display_name where username = 'admin'");
            // with a chain lock taken at insert time, this would wait for the first transaction ...
            exec(second, "insert into audit_log (actor, action, entity, entity_id) values ('test', 'test.lock', '" + run + "', 'second')");
            Future<?> firstCommits = pool.submit(() -> {
                exec(first, "update app_user set display_name = display_name where username = 'admin'");
                first.commit();
                return null;
            });
            // ... while the first waits for the row the second holds: a deadlock
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select wait_event_type from pg_stat_activity where pid = ?")
                    .param(firstPid).query(String.class).optional().filter("Lock"::equals).isPresent());
            second.commit();
            firstCommits.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                select l.entity_id from audit_log l join audit_chain c on c.audit_id = l.id where l.entity = ? order by c.seq""")
                .param(run).query(String.class).list()).as("chained in commit order").containsExactly("second", "first");
        assertThat(verify().path("ok").asBoolean()).isTrue();
    }

    @Test
    void verifyAnswersOkWithTheHeadAndChecksAnAnchorKeptElsewhere() {
        audit.record("test", "test.verify", "test", "v1", null, Map.of());
        JsonNode v = verify();
        assertThat(v.path("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("breaks").asLong()).isZero();
        assertThat(v.path("firstBreak").isNull()).isTrue();
        long seq = v.path("head").path("seq").asLong();
        String hash = v.path("head").path("hash").asText();
        assertThat(v.path("rowsChecked").asLong()).isEqualTo(seq);
        assertThat(jdbc.sql("select encode(hash, 'hex') from audit_chain where seq = ?").param(seq).query(String.class).single()).isEqualTo(hash);

        JsonNode anchored = getJson("/api/v1/audit/verify?anchorSeq=" + seq + "&anchorHash=" + hash, "admin");
        assertThat(anchored.path("ok").asBoolean()).isTrue();
        assertThat(anchored.path("anchor").path("matches").asBoolean()).isTrue();

        String other = HEX.formatHex(new byte[32]);
        JsonNode wrong = getJson("/api/v1/audit/verify?anchorSeq=" + seq + "&anchorHash=" + other, "admin");
        assertThat(wrong.path("ok").asBoolean()).isFalse();
        assertThat(wrong.path("anchor").path("matches").asBoolean()).isFalse();
        assertThat(wrong.path("breaks").asLong()).isZero();
    }

    @Test
    void aReasonChangedByTheOwnerIsReportedAsTheFirstBrokenLink() throws Exception {
        long id = recordAndGetId("changed");
        long seq = seqOf(id);
        String original = jdbc.sql("select reason from audit_log where id = ?").param(id).query(String.class).single();
        asOwner("alter table audit_log disable trigger audit_log_no_update",
                "update audit_log set reason = 'nothing happened' where id = " + id,
                "alter table audit_log enable trigger audit_log_no_update");
        try {
            assertBrokenAt(seq, id, "ROW_CHANGED");
        } finally {
            asOwner("alter table audit_log disable trigger audit_log_no_update",
                    "update audit_log set reason = '" + original + "' where id = " + id,
                    "alter table audit_log enable trigger audit_log_no_update");
        }
        assertThat(verify().path("ok").asBoolean()).isTrue();
    }

    @Test
    void aRowDeletedByTheOwnerIsReportedAsMissing() throws Exception {
        long id = recordAndGetId("deleted");
        long seq = seqOf(id);
        String restore = jdbc.sql("""
                select format('insert into audit_log (id, at, actor, action, entity, entity_id, reason, detail) overriding system value
                               values (%s, %L, %L, %L, %L, %L, %L, %L)', id, at, actor, action, entity, entity_id, reason, detail)
                from audit_log where id = ?""").param(id).query(String.class).single();
        asOwner("alter table audit_log disable trigger audit_log_no_update",
                "delete from audit_log where id = " + id,
                "alter table audit_log enable trigger audit_log_no_update");
        try {
            assertBrokenAt(seq, id, "ROW_MISSING");
        } finally {
            // the row comes back as it was, under its old link (not a new one)
            asOwner("alter table audit_log disable trigger audit_log_chain", restore, "alter table audit_log enable trigger audit_log_chain");
        }
        assertThat(verify().path("ok").asBoolean()).isTrue();
    }

    @Test
    void aLinkDeletedByTheOwnerIsReportedAsMissing() throws Exception {
        long id = recordAndGetId("unlinked");
        recordAndGetId("after"); // so that the deleted link is not the head, which the next audit row would take again
        long seq = seqOf(id);
        String restore = jdbc.sql("""
                select format('insert into audit_chain (seq, audit_id, prev_hash, hash) values (%s, %s, %L, %L)', seq, audit_id, prev_hash, hash)
                from audit_chain where seq = ?""").param(seq).query(String.class).single();
        asOwner("alter table audit_chain disable trigger audit_chain_no_update",
                "delete from audit_chain where seq = " + seq,
                "alter table audit_chain enable trigger audit_chain_no_update");
        try {
            JsonNode v = verify();
            assertThat(v.path("ok").asBoolean()).isFalse();
            assertThat(v.path("firstBreak").path("seq").asLong()).as(v.toString()).isEqualTo(seq);
            assertThat(v.path("firstBreak").path("problem").asText()).isEqualTo("LINK_MISSING");
        } finally {
            asOwner(restore);
        }
        assertThat(verify().path("ok").asBoolean()).isTrue();
    }

    @Test
    void anAuditRowWrittenWithTheChainTriggerOffIsReportedAsUnlinked() throws Exception {
        String run = UUID.randomUUID().toString();
        asOwner("alter table audit_log disable trigger audit_log_chain",
                "insert into audit_log (actor, action, entity, entity_id) values ('owner', 'test.unlinked', 'test', '" + run + "')",
                "alter table audit_log enable trigger audit_log_chain");
        long id = jdbc.sql("select id from audit_log where entity_id = ?").param(run).query(Long.class).single();
        try {
            JsonNode v = verify();
            assertThat(v.path("ok").asBoolean()).isFalse();
            assertThat(v.path("firstBreak").path("problem").asText()).as(v.toString()).isEqualTo("LINK_MISSING");
            assertThat(v.path("firstBreak").path("auditId").asLong()).isEqualTo(id);
        } finally {
            asOwner("alter table audit_log disable trigger audit_log_no_update",
                    "delete from audit_log where id = " + id,
                    "alter table audit_log enable trigger audit_log_no_update");
        }
        assertThat(verify().path("ok").asBoolean()).isTrue();
    }

    @Test
    void onlyAnAdministratorVerifiesTheAuditLog() {
        for (String user : List.of("operator", "leader", "police")) {
            http().get().uri("/api/v1/audit/verify").header("Authorization", "Bearer " + token(user))
                    .exchange().expectStatus().isForbidden();
        }
        http().get().uri("/api/v1/audit/verify?anchorSeq=1&anchorHash=zz").header("Authorization", "Bearer " + token("admin"))
                .exchange().expectStatus().isBadRequest();
    }

    private JsonNode verify() {
        return getJson("/api/v1/audit/verify", "admin");
    }

    private void assertBrokenAt(long seq, long id, String problem) {
        JsonNode v = verify();
        assertThat(v.path("ok").asBoolean()).as(v.toString()).isFalse();
        assertThat(v.path("breaks").asLong()).as(v.toString()).isEqualTo(1L);
        assertThat(v.path("firstBreak").path("seq").asLong()).as(v.toString()).isEqualTo(seq);
        assertThat(v.path("firstBreak").path("auditId").asLong()).isEqualTo(id);
        assertThat(v.path("firstBreak").path("problem").asText()).isEqualTo(problem);
        assertThat(v.path("rowsChecked").asLong()).isGreaterThanOrEqualTo(seq);
    }

    private long recordAndGetId(String what) {
        String key = UUID.randomUUID().toString();
        audit.record("test", "test.tamper", "test", key, "why: " + what, Map.of("what", what));
        return jdbc.sql("select id from audit_log where entity_id = ?").param(key).query(Long.class).single();
    }

    private long seqOf(long auditId) {
        return jdbc.sql("select seq from audit_chain where audit_id = ?").param(auditId).query(Long.class).single();
    }

    /** Statements run in one transaction as the owner role: nobody else ever sees a trigger switched off. */
    private static void asOwner(String... statements) throws SQLException {
        try (Connection c = SERVICES.ownerConnection()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                exec(c, sql);
            }
            c.commit();
        }
    }

    private static Connection appConnection() throws SQLException {
        Connection c = DriverManager.getConnection(SERVICES.dbUrl(), SERVICES.dbUser(), SERVICES.dbPassword());
        exec(c, "set statement_timeout = '15s'");
        return c;
    }

    private static long pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
