package io.outcry.care;

/**
 * A brand reply as {@link MarkCannedReplies} remembers it: enough to judge later replies against
 * it and to name its group's example, not the whole post.
 *
 * @param id          arrival number within the brand, the key it is stored under
 * @param createdAt   its event time, epoch ms
 * @param customer    the handle it addressed, lower case, or null
 * @param signature   MinHash signature of its normalised text
 * @param groupTime   event time of the earliest reply of its near-duplicate group (its own when it started one)
 * @param groupText   text of that earliest reply
 */
public record RememberedReply(long id, long createdAt, String customer, int[] signature, long groupTime, String groupText) {}
