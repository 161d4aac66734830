package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.detect.AlertEvent;
import java.time.Instant;

/**
 * A routed alert event as a PagerDuty Events API v2 event: {@code trigger} for an open, a reopen
 * or an escalating update, {@code resolve} for a resolve, with {@code dedup_key} = the alert id,
 * so that PagerDuty opens one incident per alert whatever is sent twice, and the resolve closes
 * it. The gate never hands it a digest: held PagerDuty events go out one by one.
 */
final class PagerDutyEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** PagerDuty refuses a longer summary. */
    static final int SUMMARY_LIMIT = 1024;

    private PagerDutyEvent() {}

    static byte[] json(Notification notification, String routingKey, String source) {
        AlertEvent event = notification.first();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("routing_key", routingKey);
        boolean resolve = action(notification).equals("resolve");
        body.put("event_action", action(notification));
        body.put("dedup_key", event.alertId());
        if (!resolve) {
            ObjectNode payload = body.putObject("payload");
            String summary = Digests.headline(notification);
            payload.put("summary", summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…");
            payload.put("source", source);
            payload.put("severity", severity(event.severity()));
            payload.put("timestamp", Instant.ofEpochMilli(event.eventTime()).toString());
            payload.put("component", event.brand());
            payload.put("group", event.level());
            payload.put("class", AlertKind.of(event).id());
            ObjectNode details = payload.putObject("custom_details");
            details.put("alert_id", event.alertId());
            details.put("event", event.event());
            details.put("sequence", event.sequence());
            details.put("region", event.regionName());
            details.put("topic", event.topic());
            details.put("onset", Instant.ofEpochMilli(event.onset()).toString());
            details.put("observed", event.observed());
            details.put("expected", event.expected());
            details.put("crisis_score", event.crisisScore());
            details.put("details", SlackMessage.details(event));
            body.put("client", "Outcry");
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** {@code resolve} for a resolve, else {@code trigger}. */
    static String action(Notification notification) {
        return notification.first().event().equals("resolve") ? "resolve" : "trigger";
    }

    /** Outcry's 1-10 severity on PagerDuty's four levels. */
    static String severity(int severity) {
        return severity >= 8 ? "critical" : severity >= 6 ? "error" : severity >= 4 ? "warning" : "info";
    }
}
