-- Provisioning keys: what an integrator's devices present to onboard themselves over MQTT.
CREATE TABLE provisioning_key (
    id          text PRIMARY KEY,                 -- the public key id devices send as provisionKey
    name        text NOT NULL,
    secret_hash text NOT NULL,                    -- SHA-256 (hex) of the 256-bit random secret
    area_id     bigint NOT NULL REFERENCES area (id),
    kinds       text[] NOT NULL,
    quota       integer NOT NULL CHECK (quota > 0),
    expires_at  timestamptz NOT NULL,
    owner_id    bigint NOT NULL REFERENCES app_user (id),
    revoked     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provisioning_key_owner_idx ON provisioning_key (owner_id);

ALTER TABLE device ADD COLUMN provisioning_key_id text REFERENCES provisioning_key (id);
CREATE INDEX device_provisioning_key_idx ON device (provisioning_key_id);
