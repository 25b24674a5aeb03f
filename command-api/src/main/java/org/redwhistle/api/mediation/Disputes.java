package org.redwhistle.api.mediation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The mediation chain's steps, each at a given moment by a named actor (the REST controller passes the
 * signed-in user and the clock, the demo past moments). Who may take a step is decided by the caller
 * (the controller applies the access policy and the registry's roles); these methods check only that
 * the step fits the dispute's state and level, and refuse it otherwise with a 409 in words. Every step
 * is audited; the end of a dispute publishes {@link DisputeSettled}.
 */
public interface Disputes {

    /** Who takes a step: the account's user name (the audit's actor) and the name people read in the dispute's history. */
    record Actor(String username, String name) {
    }

    /** A party: a household or person of the registry, or an outsider by name ({@code details}: address, phone, …). */
    record PartyInput(Side side, Long householdId, Long personId, String name, String details) {
    }

    /** Which side of the dispute a party is on. */
    enum Side {
        APPLICANT("申请人"), RESPONDENT("被申请人");

        private final String label;

        Side(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A dispute to open at {@code level} (AGENT or MEDIATION; the legal advisers are reached only by
     * escalation); {@code agentId} the 代办员 (a person) for the AGENT level, null to take the parties' household's.
     */
    record NewDispute(long areaId, String title, DisputeCategory category, String description, String origin, MediationLevel level,
            Long agentId, List<PartyInput> parties) {
    }

    /** A session: when, where, who mediated, the parties present, the notes. */
    record NewSession(Instant heldAt, String place, String mediators, String present, String notes) {
    }

    /** The agreement's text: the facts, the agreed terms, how and by when they are performed. */
    record AgreementDraft(String facts, String terms, String performance, LocalDate performanceDue) {
    }

    long open(NewDispute d, Actor by, Instant at);

    /** Up one level ({@code to} must be the next one), with the reason. */
    void escalate(long id, MediationLevel to, String reason, Actor by, Instant at);

    long recordSession(long id, NewSession s, Actor by, Instant at);

    void draftAgreement(long id, AgreementDraft d, Actor by, Instant at);

    /** The agreement (调解协议书) as a PDF from the drafted text, kept with the dispute. */
    void generateAgreement(long id, Actor by, Instant at);

    /** The parties' confirmation and the mediator's signature: the dispute is settled. */
    void signOff(long id, String partiesConfirmed, Actor by, Instant at);

    /** Out of the village, with the file (卷宗) as a PDF. */
    void refer(long id, ReferralTarget to, String reason, Actor by, Instant at);

    void withdraw(long id, String reason, Actor by, Instant at);

    /** How many disputes a village has (any state). */
    int count(long areaId);
}
