package io.outcry.notify;

import io.outcry.connectors.mail.SmtpSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * A receiver a routing file declares once and its routes name: its type, where it is, and how
 * often and when it may be disturbed. Secrets ({@code url}, {@code routingKey}, header values,
 * the SMTP password) are kept as written, references included, and read where they are sent.
 *
 * @param url        http(s) endpoint, or a reference to it; PagerDuty's Events API v2 by default
 * @param routingKey PagerDuty integration key, or a reference to it
 * @param source     PagerDuty {@code payload.source}
 * @param headers    extra headers of a generic webhook, e.g. {@code Authorization}
 * @param smtp       the mail server and recipients of an email destination
 * @param maxPerHour messages in any hour of event time before the rest fold into a digest; 0 = no limit
 * @param quiet      when messages wait for a digest instead; null = never
 */
public record RouteDestination(String name, DestinationType type, String url, String routingKey, String source,
        Map<String, String> headers, SmtpSettings smtp, int maxPerHour, QuietHours quiet) implements Serializable {

    public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    public RouteDestination {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return name + " (" + type.id() + ")";
    }
}
