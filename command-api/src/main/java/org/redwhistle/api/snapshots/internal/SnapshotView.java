package org.redwhistle.api.snapshots.internal;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A snapshot's metadata, where its image and thumbnail are, and what OpenCV saw on it
 * ({@code analysis}; null until analysed).
 */
public record SnapshotView(long id, String deviceId, String deviceName, Instant capturedAt, Instant receivedAt, String eventMsgId,
        Long alarmId, int width, int height, int bytes, Instant expiresAt, String imageUrl, String thumbnailUrl, Analysis analysis) {

    /**
     * People (Daimler HOG, with their SVM score) and motion regions against the camera's background,
     * as boxes in the image's pixels; {@code motion} is the foreground share (null on a camera's first
     * frame); {@code error} says why an image could not be analysed.
     */
    public record Analysis(Instant analysedAt, Double ms, Integer people, Double personScore, Double motion, JsonNode detections,
            String error) {
    }
}
