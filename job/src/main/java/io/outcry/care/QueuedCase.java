package io.outcry.care;

/**
 * A case waiting for its first answer, as a care desk acts on it.
 *
 * @param caseId      the opening post's id
 * @param openedAt    the opening post's time, epoch ms
 * @param slaDeadline when an answer is due, epoch ms
 * @param author      the customer, lower case
 * @param permalink   where the desk opens the post, or null
 * @param topic       the opening post's first topic
 * @param region      the opening post's region code
 */
public record QueuedCase(String caseId, long openedAt, long slaDeadline, String author, String permalink, String topic,
        String region) {

    static QueuedCase of(CareCase c) {
        return new QueuedCase(c.caseId(), c.openedAt(), c.slaDeadline(), c.customer(), c.permalink(), c.topic(), c.region());
    }
}
