package io.outcry.notify;

import io.outcry.detect.AlertEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The words every destination uses for a digest and for an event that waited. */
final class Digests {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Digests() {}

    /** E.g. "3 alert events held by quiet hours since 20 Nov 22:14 UTC". */
    static String title(Notification notification) {
        return String.format(Locale.ROOT, "%d alert events held by %s since %s", notification.events().size(),
                notification.heldBy(), WHEN.format(Instant.ofEpochMilli(notification.heldSince())));
    }

    /** One line per held event, in the order they came: its headline and alert id. */
    static List<String> lines(Notification notification) {
        return notification.events().stream().map(Digests::line).toList();
    }

    static String line(AlertEvent event) {
        return SlackMessage.headline(event) + " [" + event.alertId() + "]";
    }

    /** The headline of one event, saying so when it waited. */
    static String headline(Notification notification) {
        String headline = SlackMessage.headline(notification.first());
        return notification.held()
                ? headline + " (held by " + notification.heldBy() + " since " + WHEN.format(Instant.ofEpochMilli(notification.heldSince())) + ")"
                : headline;
    }
}
