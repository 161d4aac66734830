package io.outcry.connectors.kafka;

/** A record that can never become a valid value; its message is the dead-letter reason. */
public class InvalidRecordException extends Exception {

    public InvalidRecordException(String reason) {
        super(reason);
    }

    public InvalidRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
