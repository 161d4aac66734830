package io.outcry.notify;

import io.outcry.detect.AlertEvent;
import java.util.List;

/**
 * What one destination is sent: one alert event, or a digest of the events that quiet hours or
 * the rate limit held.
 *
 * @param deliveryId the same on every send, after a retry, a restore or a replay: the event's
 *                   {@link SlackMessage#deliveryId}, or the destination and release time of a digest
 * @param events     the event, or the digest's events in the order they came
 * @param heldBy     why the events waited ({@link #QUIET_HOURS}, {@link #RATE_LIMIT}), or empty
 * @param heldSince  event time of the first held event, or 0
 * @param sentAt     event time at which it is sent: the event's own, or the digest's release
 */
public record Notification(String destination, String deliveryId, List<AlertEvent> events, String heldBy, long heldSince,
        long sentAt) {

    public static final String QUIET_HOURS = "quiet hours";
    public static final String RATE_LIMIT = "rate limit";

    public Notification {
        events = List.copyOf(events);
    }

    static Notification of(String destination, AlertEvent event, String heldBy, long heldSince) {
        return new Notification(destination, SlackMessage.deliveryId(event), List.of(event), heldBy, heldSince, event.eventTime());
    }

    /** Several held events folded into one message. */
    public boolean digest() {
        return events.size() > 1;
    }

    public AlertEvent first() {
        return events.get(0);
    }

    public boolean held() {
        return !heldBy.isEmpty();
    }
}
