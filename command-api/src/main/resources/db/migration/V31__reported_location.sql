-- Devices are not trusted about where they are. A fixed device's event that reported a position away
-- from the device's registered place (beyond its kind's tolerance, or outside its area) is stored at
-- the registered place; what the device said, and how far that is from the registered place, stay
-- here for audit. Both are null for every other event.
ALTER TABLE device_event
    ADD COLUMN reported_location   geometry(Point, 4326),
    ADD COLUMN reported_distance_m real;
