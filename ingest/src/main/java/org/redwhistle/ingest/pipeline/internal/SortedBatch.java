package org.redwhistle.ingest.pipeline.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.ingest.pipeline.StoredEvent;

/**
 * What one batch writes and hands on, message by message: the events to insert (and, for each, what
 * will be published if it proves new), positions, dead letters, devices' statuses, devices heard
 * from, command acks; and the counts of what was left out.
 */
public final class SortedBatch {

    final List<IngestWriter.EventRow> rows = new ArrayList<>();
    final List<StoredEvent> candidates = new ArrayList<>();
    final List<Decoded.Position> positions = new ArrayList<>();
    /** Messages rejected: invalid, disabled device, outside its area, refused by the database. */
    final List<IngestWriter.DeadLetter> rejected = new ArrayList<>();
    /** Excess messages kept in full (the first of their device's window). */
    final List<IngestWriter.DeadLetter> excessKept = new ArrayList<>();
    final Map<String, Boolean> statuses = new LinkedHashMap<>();
    final Set<String> seen = new HashSet<>();
    final List<Decoded.CommandAck> acks = new ArrayList<>();
    final Set<String> eventKeys = new HashSet<>();
    int repeats;
    int rateLimited;

    public List<IngestWriter.EventRow> rows() {
        return rows;
    }

    public List<StoredEvent> candidates() {
        return candidates;
    }

    public List<Decoded.Position> positions() {
        return positions;
    }

    public List<IngestWriter.DeadLetter> rejected() {
        return rejected;
    }

    public List<IngestWriter.DeadLetter> excessKept() {
        return excessKept;
    }

    public Map<String, Boolean> statuses() {
        return statuses;
    }

    public Set<String> seen() {
        return seen;
    }

    public List<Decoded.CommandAck> acks() {
        return acks;
    }

    /** Events whose msgId came earlier in the same batch (whatever their ts): left out, counted as duplicates. */
    public int repeats() {
        return repeats;
    }

    /** Messages over their device's rate limit, kept in full or not. */
    public int rateLimited() {
        return rateLimited;
    }
}
