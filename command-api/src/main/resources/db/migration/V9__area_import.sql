-- Areas: their responsible people, and a revision every app instance watches so its in-memory
-- grid index follows changes made by any other instance.
ALTER TABLE area ADD COLUMN workers jsonb NOT NULL DEFAULT '[]';
ALTER TABLE area ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE geo_revision (
    name     text PRIMARY KEY,
    revision bigint NOT NULL DEFAULT 0
);
INSERT INTO geo_revision (name) VALUES ('area');

CREATE FUNCTION area_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE geo_revision SET revision = revision + 1 WHERE name = 'area';
    RETURN NULL;
END $$;
CREATE TRIGGER area_revision_trg AFTER INSERT OR UPDATE OR DELETE ON area
    FOR EACH STATEMENT EXECUTE FUNCTION area_bump_revision();
