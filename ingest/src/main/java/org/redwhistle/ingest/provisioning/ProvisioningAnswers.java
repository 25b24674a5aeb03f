package org.redwhistle.ingest.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decided answers, one per request nonce ({@code provisioning_answer}, V61), so that a request is
 * decided once in the cluster however many instances receive it, and a repeated request gets the same
 * answer. The row is claimed first, in the deciding transaction: a second handler of the same nonce
 * waits on the claim (the primary key) until the first commits, then finds the answer; if the first
 * rolled back (a transient failure), the second claims it and decides itself. Answers are sealed
 * ({@link AnswerSeal}) and forgotten after {@code redwhistle.provisioning.answer-retention}.
 */
@Component
public class ProvisioningAnswers {

    static final String JOB = "provisioning.answers-forget";

    private static final Logger log = LoggerFactory.getLogger(ProvisioningAnswers.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ClusterJobs jobs;
    private final ProvisioningProperties props;
    private final Clock clock;

    public ProvisioningAnswers(JdbcClient jdbc, JsonMapper json, ClusterJobs jobs, ProvisioningProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Claims the nonce for this transaction; false when another request holds it (committed). Blocks
     * while another transaction's claim of the same nonce is open.
     */
    boolean claim(String nonce, String requestHash) {
        return jdbc.sql("""
                insert into provisioning_answer (nonce, request_hash, decided_at) values (:nonce, :hash, :at)
                on conflict (nonce) do nothing""")
                .param("nonce", nonce).param("hash", requestHash).param("at", Timestamp.from(clock.instant())).update() == 1;
    }

    /** Stores the decided answer, sealed, in the row this transaction claimed. */
    void store(String nonce, String requestHash, String secret, byte[] answer, boolean success) {
        jdbc.sql("update provisioning_answer set answer = :answer, success = :success where nonce = :nonce")
                .param("answer", AnswerSeal.seal(secret, nonce, requestHash, answer)).param("success", success)
                .param("nonce", nonce).update();
    }

    private record Stored(String requestHash, byte[] answer) {
    }

    /** The stored answer for a claimed nonce: the same answer again if this is the same request, a refusal otherwise. */
    ProvisioningAnswer repeat(String nonce, String requestHash, String secret) {
        Optional<Stored> stored = jdbc.sql("select request_hash, answer from provisioning_answer where nonce = :nonce")
                .param("nonce", nonce).query((rs, i) -> new Stored(rs.getString(1), rs.getBytes(2))).optional();
        if (stored.isEmpty()) {
            // forgotten by the retention job between the claim and this read
            return DeviceProvisioner.notStored(json, "the request could not be answered now; try again with the same nonce");
        }
        Optional<byte[]> answer = AnswerSeal.sameRequest(stored.get().requestHash(), requestHash)
                ? AnswerSeal.open(secret, nonce, requestHash, stored.get().answer())
                : Optional.empty();
        if (answer.isEmpty()) {
            String why = "this nonce has already been used for another request; send the request under a new random nonce";
            byte[] refusal = json.writeValueAsBytes(json.createObjectNode().put("status", "FAILURE").put("detail", why));
            return new ProvisioningAnswer(ProvisioningAnswer.Source.NONCE_TAKEN, false, why, null, refusal);
        }
        JsonNode a = json.readTree(answer.get());
        boolean success = "SUCCESS".equals(a.path("status").asText());
        return new ProvisioningAnswer(ProvisioningAnswer.Source.REPEATED, success, a.path("detail").asText(),
                success ? a.path("deviceId").asText() : null, answer.get());
    }

    /** Once per cluster ({@link ClusterJobs}); every {@code redwhistle.provisioning.answer-sweep}. */
    @Scheduled(initialDelayString = "${redwhistle.provisioning.answer-sweep:1h}", fixedDelayString = "${redwhistle.provisioning.answer-sweep:1h}")
    void scheduled() {
        jobs.runExclusively(JOB, () -> forget(clock.instant()));
    }

    /** Deletes the answers decided longer than the retention before {@code now}; returns how many. Idempotent. */
    public int forget(Instant now) {
        int n = jdbc.sql("delete from provisioning_answer where decided_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(props.answerRetention()))).update();
        if (n > 0) {
            log.info("provisioning answers forgotten: count={} olderThan={}", n, props.answerRetention());
        }
        return n;
    }
}
