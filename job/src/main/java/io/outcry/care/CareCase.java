package io.outcry.care;

/**
 * One change in a customer-care case, carrying the case's whole state after it: the cases
 * index keeps the latest per {@link #caseId}. Holds no wall-clock time, so a replay yields
 * the same events.
 *
 * @param brand             brand id
 * @param caseId            the opening post's id
 * @param event             {@code opened}, {@code answered} (first brand reply), {@code replied} (a later one),
 *                          {@code breached} (the SLA deadline passed unanswered), {@code expired} (dropped
 *                          unanswered after the TTL) or {@code deleted} (its opening post was deleted)
 * @param sequence          0 for the opening, then +1 per event of this case
 * @param eventTime         event time of the change, epoch ms
 * @param customer          the opening post's author, lower case; null once the post is deleted
 * @param openedAt          the opening post's time, epoch ms
 * @param topic             the opening post's first topic
 * @param region            the opening post's region code
 * @param lang              the opening post's language
 * @param intent            the opening post's intent id
 * @param firstResponseAt   the brand's first reply, epoch ms, or -1
 * @param responseSeconds   first response time in seconds (reply time minus open time), or -1
 * @param slaDeadline       when an answer is due, epoch ms (business hours counted when configured)
 * @param status            {@code open}, {@code answered}, {@code unanswered} (after the SLA), {@code expired} or {@code deleted}
 * @param answeredAfterSla  whether the first reply came after the deadline
 * @param replies           brand replies in the case's thread
 * @param posts             posts in the case's thread (customer and brand)
 * @param canned            whether the first reply was canned (false before any reply)
 * @param incident          whether the case opened while an alert of its brand covering it was open
 * @param alertId           that alert's id, or null
 * @param permalink         where a reader opens the opening post, or null (no link, or the post deleted)
 */
public record CareCase(
        String brand,
        String caseId,
        String event,
        int sequence,
        long eventTime,
        String customer,
        long openedAt,
        String topic,
        String region,
        String lang,
        String intent,
        long firstResponseAt,
        long responseSeconds,
        long slaDeadline,
        String status,
        boolean answeredAfterSla,
        int replies,
        int posts,
        boolean canned,
        boolean incident,
        String alertId,
        String permalink) {

    public static final String OPENED = "opened";
    public static final String ANSWERED = "answered";
    public static final String REPLIED = "replied";
    public static final String BREACHED = "breached";
    public static final String EXPIRED = "expired";
    public static final String DELETED = "deleted";

    public static final String OPEN = "open";
    public static final String STATUS_ANSWERED = "answered";
    public static final String UNANSWERED = "unanswered";
    public static final String STATUS_EXPIRED = "expired";
    public static final String STATUS_DELETED = "deleted";

    public boolean isAnswered() {
        return firstResponseAt >= 0;
    }
}
