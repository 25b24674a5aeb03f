package org.redwhistle.ingest.commands;

import java.util.List;

/**
 * Commands whose devices' acknowledgements were committed with an ingest batch: published by the
 * ingest pipeline on its events lane, after the commit, for {@link DeviceCommands} to complete them.
 *
 * @param cmdIds the commands completed by that batch, in acknowledgement order
 */
public record CommandsAcknowledged(List<String> cmdIds) {

    public CommandsAcknowledged {
        cmdIds = List.copyOf(cmdIds);
    }
}
