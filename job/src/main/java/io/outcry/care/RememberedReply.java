package io.outcry.care;

/**
 * A reply that stands for a group of near-duplicate replies of one brand, as
 * {@link MarkCannedReplies} remembers it: the group's first reply, or a variant of it (a template
 * with words added), with what a verdict needs to know about the replies that joined it.
 *
 * @param id            arrival number within the brand of the latest reply that joined it: the oldest id is
 *                      the least recently used, the first to go when memory is full
 * @param createdAt     event time of the group's first reply, epoch ms
 * @param lastSeen      event time of the latest reply that joined it, epoch ms: it is forgotten a horizon after
 * @param customer      the handle this reply addressed, lower case, or null
 * @param manyCustomers whether replies that joined it went to more than one customer
 * @param signature     MinHash signature of this reply's normalised text
 * @param text          the group's first reply's text, the example
 */
public record RememberedReply(
        long id, long createdAt, long lastSeen, String customer, boolean manyCustomers, int[] signature, String text) {}
