package io.outcry.notify;

import java.util.Locale;

/** The receivers a routing file can name, each with its own payload. */
public enum DestinationType {
    SLACK, TEAMS, PAGERDUTY, WEBHOOK, EMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
