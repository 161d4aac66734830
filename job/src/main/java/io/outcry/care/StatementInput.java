package io.outcry.care;

import io.outcry.detect.AlertEvent;
import io.outcry.zone.ZoneEvent;

/**
 * One input of the {@link StatementTracker}: exactly one of an official post, an answered care
 * case, a zone event or an alert event (one type, so that one keyed stream orders them all).
 */
public record StatementInput(OfficialPost post, CareCase answered, ZoneEvent zone, AlertEvent alert) {

    static final int POST = 0;
    static final int CASE = 1;
    static final int ZONE = 2;
    static final int ALERT = 3;

    public static StatementInput of(OfficialPost post) {
        return new StatementInput(post, null, null, null);
    }

    public static StatementInput of(CareCase answered) {
        return new StatementInput(null, answered, null, null);
    }

    public static StatementInput of(ZoneEvent zone) {
        return new StatementInput(null, null, zone, null);
    }

    public static StatementInput of(AlertEvent alert) {
        return new StatementInput(null, null, null, alert);
    }

    public String brand() {
        return post != null ? post.brand() : answered != null ? answered.brand() : zone != null ? zone.brand() : alert.brand();
    }

    /** When it happened: a post's time, a case's first reply, an event's event time. */
    public long time() {
        return post != null ? post.createdAt() : answered != null ? answered.firstResponseAt()
                : zone != null ? zone.eventTime() : alert.eventTime();
    }

    /** At equal times: posts, then cases, then zones, then alerts, so that an event shows what was said by its time. */
    int kind() {
        return post != null ? POST : answered != null ? CASE : zone != null ? ZONE : ALERT;
    }

    /** Breaks ties within a kind at equal times. */
    String id() {
        return post != null ? post.postId() : answered != null ? answered.caseId()
                : zone != null ? zone.zoneId() + '#' + zone.sequence() : alert.alertId() + '#' + alert.sequence();
    }
}
