package io.outcry.notify;

import io.outcry.care.CareAlerts;
import io.outcry.detect.AlertEvent;
import io.outcry.zone.ZoneAlerts;
import java.util.Locale;

/** What an alert is about, told from its level as {@link SlackMessage} tells it: a zone, a care backlog, or else a spike. */
public enum AlertKind {
    SPIKE, ZONE, CARE;

    public static AlertKind of(AlertEvent event) {
        if (ZoneAlerts.LEVEL.equals(event.level())) {
            return ZONE;
        }
        if (CareAlerts.LEVEL.equals(event.level())) {
            return CARE;
        }
        return SPIKE;
    }

    /** The name a routing file uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
