package org.redwhistle.ingest.commands;

/** A command was acknowledged (OK or FAILED) or timed out. */
public record DeviceCommandCompleted(CommandView command) {
}
