package io.outcry.care;

/**
 * A post of one of a brand's official accounts, retweets included, as the statement tracker sees
 * it: what it needs to tell a public statement from a reply to one customer, and an "it works
 * again" from anything else.
 *
 * @param brand     brand id from the catalog
 * @param postId    the post's id
 * @param replyToId the post it replies to, or null
 * @param createdAt event time, epoch ms
 * @param customer  the first mention that is not one of the brand's accounts, lower case, or null
 * @param text      the text as published
 * @param restored  whether its intent is {@code restored} (the service works again)
 * @param retweet   whether it is a retweet
 */
public record OfficialPost(
        String brand, String postId, String replyToId, long createdAt, String customer, String text, boolean restored,
        boolean retweet) {

    /** Not a reply to one customer: a post of its own, or a reply that addresses nobody (a thread of its own posts). */
    public boolean isBroadcast() {
        return !retweet && (replyToId == null || customer == null);
    }

    /**
     * Says to everyone that the service works again: a broadcast or a retweet whose intent is
     * {@code restored}. A reply telling one customer that their line is fixed is about their case.
     */
    public boolean claimsRestored() {
        return restored && (retweet || isBroadcast());
    }
}
