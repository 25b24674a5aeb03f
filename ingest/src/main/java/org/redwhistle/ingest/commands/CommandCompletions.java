package org.redwhistle.ingest.commands;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands feature's statement for devices' acknowledgements. {@code device_command} is this
 * feature's table (see {@link DeviceCommands}), but an acknowledgement is written by the ingest writer
 * inside its batch's transaction: the command completes in the same commit as the ack message is
 * stored, before the message is acknowledged to the broker, so a redelivered ack finds the command
 * no longer SENT and changes nothing. The statement stays here, with the feature that owns the table.
 */
public final class CommandCompletions {

    /** One device's answer to one command. */
    public record Ack(String cmdId, String deviceId, boolean ok, String detail) {
    }

    private CommandCompletions() {
    }

    /**
     * Completes the acknowledged commands; only a SENT command of the same device completes: late,
     * repeated or foreign acks change nothing. Returns the commands completed, in ack order.
     */
    public static List<String> complete(Connection c, List<Ack> acks) throws SQLException {
        List<String> done = new ArrayList<>();
        if (acks.isEmpty()) {
            return done;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update device_command set status = ?, detail = ?, completed_at = now()
                where id = ? and device_id = ? and status = 'SENT' returning id""")) {
            for (Ack a : acks) {
                ps.setString(1, a.ok() ? "OK" : "FAILED");
                ps.setString(2, a.detail());
                ps.setString(3, a.cmdId());
                ps.setString(4, a.deviceId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        done.add(rs.getString(1));
                    }
                }
            }
        }
        return done;
    }
}
