package org.redwhistle.ingest.broker;

/**
 * One broker of the platform's pool.
 *
 * @param id        short stable name (e.g. {@code b1}), stored with every device assigned to it
 * @param url       where the platform connects to it
 * @param publicUrl where devices connect to it (handed out in provisioning answers); the platform's URL when not set
 */
public record Broker(String id, String url, String publicUrl) {
}
