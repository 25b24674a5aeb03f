-- A perimeter alarm's guarded wall or fence: a line (segment) or a polygon (zone), WGS-84.
ALTER TABLE device ADD COLUMN zone geometry(Geometry, 4326)
    CHECK (zone IS NULL OR GeometryType(zone) IN ('LINESTRING', 'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON'));
CREATE INDEX device_zone_idx ON device USING gist (zone);
