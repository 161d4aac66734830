package io.outcry.connectors.webhook;

import java.util.Objects;

/**
 * One POST the sink owes the receiver: its delivery id, sent as the {@code Idempotency-Key}
 * and {@code X-Outcry-Delivery} headers, and its body. The id is the same every time the
 * element is sent, after a retry, a restore or a replay, so a receiver that remembers the ids
 * it has seen acts on each delivery once.
 */
public record WebhookDelivery(String id, byte[] body) {

    public WebhookDelivery {
        Objects.requireNonNull(id, "delivery id");
        Objects.requireNonNull(body, "delivery body");
    }
}
