-- Issue 23: a snapshot delivered again (after a takeover of the ingestion lease, or a reconnect before its
-- acknowledgement) is stored once. The key is a SHA-256 over the JPEG and its metadata (eventMsgId, cmdId,
-- capturedAt as sent); rows stored before this migration have none.
alter table snapshot add column delivery_key bytea;
create unique index snapshot_delivery_key on snapshot (device_id, delivery_key) where delivery_key is not null;
