package io.outcry.connectors.webhook;

import java.io.Serializable;
import java.util.OptionalLong;

/**
 * How one delivery reaches its receiver. The sink's queue, retries, checkpointed
 * unacknowledged deliveries and metrics are the same whatever carries it: an HTTP POST (the
 * default, to {@link WebhookSink.Builder#url}) or, for mail, an SMTP transaction. Called from
 * the writer's one sender thread only.
 */
public interface DeliveryTransport extends Serializable {

    /** One attempt at sending the delivery; never throws for a receiver's failure, it reports it. */
    Attempt send(WebhookDelivery delivery) throws InterruptedException;

    /** How logs name the receiver, without secrets. */
    @Override
    String toString();

    /**
     * What one attempt came to.
     *
     * @param retryAfterSeconds the pause the receiver asked for, if it asked
     * @param description       for logs, e.g. "HTTP 429 slow down" or "SMTP 451 try later"
     */
    record Attempt(boolean delivered, boolean retryable, OptionalLong retryAfterSeconds, String description) {

        public static Attempt delivered(String description) {
            return new Attempt(true, false, OptionalLong.empty(), description);
        }

        public static Attempt failed(boolean retryable, String description) {
            return new Attempt(false, retryable, OptionalLong.empty(), description);
        }
    }
}
