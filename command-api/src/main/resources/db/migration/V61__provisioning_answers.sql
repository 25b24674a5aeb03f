-- Provisioning is decided once per request nonce in the cluster (issue 23), owned by the provisioning
-- feature (ingest's org.redwhistle.ingest.provisioning.ProvisioningAnswers). The deciding transaction
-- claims the nonce first (the primary key serialises concurrent handlers of one nonce), decides, and
-- stores the answer sealed with AES-256-GCM under a key derived from the request's provisioning secret
-- and the nonce: the database never holds the device's password readable, nor the secret.
create table provisioning_answer (
    nonce        text primary key,
    -- SHA-256 (hex) of the request in canonical form (keys sorted), secret included
    request_hash text        not null,
    -- the sealed answer (IV, ciphertext, tag); null only inside the deciding transaction
    answer       bytea,
    success      boolean,
    decided_at   timestamptz not null
);

-- the retention job deletes by age
create index provisioning_answer_decided_at on provisioning_answer (decided_at);
