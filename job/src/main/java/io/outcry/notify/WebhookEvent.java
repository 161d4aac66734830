package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.detect.AlertEvent;
import io.outcry.index.AlertDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A routed notification for a generic webhook: one event is the alert event JSON exactly as the
 * alerts topic carries it; a digest is {@code {"digest": true, "destination", "held_by",
 * "held_since", "released_at", "events": [<alert event JSON>, ...]}}.
 */
final class WebhookEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookEvent() {}

    static byte[] json(Notification notification) {
        if (!notification.digest()) {
            return AlertDocuments.json(notification.first());
        }
        ObjectNode digest = MAPPER.createObjectNode();
        digest.put("digest", true);
        digest.put("destination", notification.destination());
        digest.put("held_by", notification.heldBy());
        digest.put("held_since", Instant.ofEpochMilli(notification.heldSince()).toString());
        digest.put("released_at", Instant.ofEpochMilli(notification.sentAt()).toString());
        ArrayNode events = digest.putArray("events");
        try {
            for (AlertEvent event : notification.events()) {
                events.add(MAPPER.readTree(AlertDocuments.json(event)));
            }
            return MAPPER.writeValueAsBytes(digest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the alert event JSON is always valid", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
