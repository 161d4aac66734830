package io.outcry.care;

/**
 * A customer's post addressed to a brand, as the care pipeline sees it: one per brand it
 * addresses, written by an account that does not speak for that brand.
 *
 * @param brand     brand id from the catalog
 * @param postId    the post's id
 * @param replyToId the post it replies to, or null
 * @param createdAt event time, epoch ms
 * @param customer  the author's handle, lower case
 * @param asks      whether it asks or complains (intent QUESTION or COMPLAINT): such a post opens a case
 * @param intent    the post's intent id ({@code question}, {@code complaint}, ...)
 * @param topic     the post's first topic id
 * @param region    the post's region code, {@code unknown} when it cannot be told
 * @param lang      the post's language
 * @param permalink where a reader opens the post ({@code Post#permalink()}), or null
 * @param conversation the thread it belongs to ({@code Post#conversationId()}), or null when its platform does not say
 */
public record CustomerPost(
        String brand,
        String postId,
        String replyToId,
        long createdAt,
        String customer,
        boolean asks,
        String intent,
        String topic,
        String region,
        String lang,
        String permalink,
        String conversation) {

    /** A post whose platform does not say which thread it belongs to. */
    public CustomerPost(String brand, String postId, String replyToId, long createdAt, String customer, boolean asks, String intent,
            String topic, String region, String lang, String permalink) {
        this(brand, postId, replyToId, createdAt, customer, asks, intent, topic, region, lang, permalink, null);
    }
}
