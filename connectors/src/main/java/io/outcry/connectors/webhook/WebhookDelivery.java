package io.outcry.connectors.webhook;

import java.util.Objects;

/**
 * One delivery the sink owes the receiver: its delivery id, sent as the {@code Idempotency-Key}
 * and {@code X-Outcry-Delivery} headers, and its body. The id is the same every time the
 * element is sent, after a retry, a restore or a replay, so a receiver that remembers the ids
 * it has seen acts on each delivery once.
 *
 * <p>For a receiver that keeps a state per key ({@link WebhookSink.Builder#statefulReceiver}),
 * {@code key} and {@code state} say which state the delivery puts which key in, e.g. a
 * PagerDuty dedup_key and "trigger"; null otherwise.
 */
public record WebhookDelivery(String id, byte[] body, String key, String state) {

    public WebhookDelivery {
        Objects.requireNonNull(id, "delivery id");
        Objects.requireNonNull(body, "delivery body");
        if ((key == null) != (state == null)) {
            throw new IllegalArgumentException("a delivery has both a key and a state, or neither");
        }
    }

    public WebhookDelivery(String id, byte[] body) {
        this(id, body, null, null);
    }
}
