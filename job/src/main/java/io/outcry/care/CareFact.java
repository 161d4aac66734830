package io.outcry.care;

import java.util.List;

/**
 * One thing a care window counts, at the event time it happened, under one window key: a case
 * opened, answered (within or after its SLA), left unanswered past its SLA or expired, or a
 * brand reply. A case's facts count twice: once per brand, once per brand × topic × region;
 * a reply's only per brand (a reply has no topic or region of its own).
 *
 * @param brand      brand id
 * @param scope      {@link #BRAND} or {@link #BRAND_TOPIC_REGION}
 * @param topic      the case's topic, {@code *} at brand scope
 * @param region     the case's region code, {@code *} at brand scope
 * @param kind       what happened
 * @param incident   whether the case is an incident case (false for replies)
 * @param seconds    first response time of an answered case, else 0
 * @param canned     whether a reply was canned
 * @param cannedText the example text of a canned reply's group, else null
 */
public record CareFact(
        String brand,
        String scope,
        String topic,
        String region,
        String kind,
        boolean incident,
        long seconds,
        boolean canned,
        String cannedText) {

    public static final String BRAND = "brand";
    public static final String BRAND_TOPIC_REGION = "brand_topic_region";

    public static final String OPENED = "opened";
    public static final String ANSWERED_WITHIN_SLA = "answered_within_sla";
    public static final String ANSWERED_AFTER_SLA = "answered_after_sla";
    public static final String UNANSWERED_AFTER_SLA = "unanswered_after_sla";
    public static final String EXPIRED = "expired";
    public static final String REPLY = "reply";
    public static final String UNMATCHED_REPLY = "unmatched_reply";

    /** What a case event counts: nothing for a later reply, which the reply facts count. */
    public static List<CareFact> of(CareCase c) {
        String kind = switch (c.event()) {
            case CareCase.OPENED -> OPENED;
            case CareCase.ANSWERED -> c.answeredAfterSla() ? ANSWERED_AFTER_SLA : ANSWERED_WITHIN_SLA;
            case CareCase.BREACHED -> UNANSWERED_AFTER_SLA;
            case CareCase.EXPIRED -> EXPIRED;
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        long seconds = kind.startsWith("answered") ? c.responseSeconds() : 0;
        return List.of(
                new CareFact(c.brand(), BRAND, "*", "*", kind, c.incident(), seconds, false, null),
                new CareFact(c.brand(), BRAND_TOPIC_REGION, c.topic(), c.region(), kind, c.incident(), seconds, false, null));
    }

    public static CareFact of(BrandReply reply) {
        return new CareFact(reply.brand(), BRAND, "*", "*", REPLY, false, 0, reply.canned(), reply.cannedExample());
    }

    public static CareFact unmatched(BrandReply reply) {
        return new CareFact(reply.brand(), BRAND, "*", "*", UNMATCHED_REPLY, false, 0, false, null);
    }

    public CareWindowKey key() {
        return new CareWindowKey(brand, scope, topic, region);
    }
}
