package org.redwhistle.ingest.broker;

/** The broker refused or did not answer a dynamic-security command. */
public class BrokerAccessException extends RuntimeException {

    public BrokerAccessException(String message) {
        super(message);
    }
}
