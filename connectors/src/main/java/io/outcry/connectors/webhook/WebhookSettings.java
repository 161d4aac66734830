package io.outcry.connectors.webhook;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * Everything a writer needs besides the body mapper; validated by {@link WebhookSink.Builder}.
 * {@code transport} null means a POST to {@code endpoint}.
 */
record WebhookSettings(
        WebhookEndpoint endpoint,
        LinkedHashMap<String, String> headers,
        int queueCapacity,
        WebhookRetry retry,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration drainTimeout,
        DeliveryTransport transport) implements Serializable {

    DeliveryTransport carrier() {
        return transport != null ? transport : new HttpTransport(this);
    }
}
