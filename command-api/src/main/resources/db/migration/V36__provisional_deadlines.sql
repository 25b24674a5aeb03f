-- Deadlines counted on a provisional year (no official notice loaded: statutory holidays and weekends
-- only) are marked, and each deadline keeps the instant it was counted from, so that loading the
-- official year counts it again (cases.internal.ProvisionalDeadlines).
ALTER TABLE case_file
    ADD COLUMN accept_due_provisional  boolean NOT NULL DEFAULT false,
    ADD COLUMN resolve_due_provisional boolean NOT NULL DEFAULT false,
    ADD COLUMN accept_counted_from     timestamptz,
    ADD COLUMN resolve_counted_from    timestamptz;

-- Existing cases: the unit holding the case got its limits when it received it (the last escalation,
-- else the submission); a complex ruling after that counts the resolve limit from the submission.
-- (Before this migration no deadline could be provisional, so these are never counted again.)
UPDATE case_file c SET
    accept_counted_from = coalesce(e.last_escalated, c.submitted_at),
    resolve_counted_from = CASE WHEN x.last_complex IS NOT NULL AND (e.last_escalated IS NULL OR x.last_complex > e.last_escalated)
                                THEN c.submitted_at ELSE coalesce(e.last_escalated, c.submitted_at) END
FROM case_file c2
    LEFT JOIN LATERAL (SELECT max(at) last_escalated FROM case_event WHERE case_id = c2.id AND action = 'escalate') e ON true
    LEFT JOIN LATERAL (SELECT max(at) last_complex FROM case_event WHERE case_id = c2.id AND action = 'complex') x ON true
WHERE c2.id = c.id;

ALTER TABLE case_file
    ALTER COLUMN accept_counted_from SET NOT NULL,
    ALTER COLUMN resolve_counted_from SET NOT NULL;

CREATE INDEX case_file_provisional_idx ON case_file (id) WHERE accept_due_provisional OR resolve_due_provisional;
