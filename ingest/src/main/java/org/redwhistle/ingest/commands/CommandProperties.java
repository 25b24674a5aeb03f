package org.redwhistle.ingest.commands;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Commands to devices.
 *
 * @param timeout a command not acknowledged by the device within this time is marked TIMED_OUT
 */
@ConfigurationProperties("redwhistle.commands")
public record CommandProperties(@DefaultValue("30s") Duration timeout) {
}
