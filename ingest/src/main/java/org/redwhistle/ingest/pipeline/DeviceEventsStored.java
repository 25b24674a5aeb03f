package org.redwhistle.ingest.pipeline;

import java.util.List;

/** Published after a batch committed: the events that were new (redeliveries are left out). */
public record DeviceEventsStored(List<StoredEvent> events) {
}
