package org.redwhistle.ingest.pipeline.internal;

import java.util.Optional;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.registry.RegisteredDevice;

/**
 * A message taken off a lane's queue: its device topic and registered device when there are, and
 * the rate limiter's verdict, decided once (a batch written again after a failure is not judged again).
 */
public record Taken(InboundMessage message, Optional<Topics.DeviceTopic> topic, Optional<RegisteredDevice> device,
        DeviceRateLimiter.Admission admission) {
}
