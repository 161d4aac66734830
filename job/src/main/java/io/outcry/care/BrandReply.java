package io.outcry.care;

/**
 * A post from one of a brand's official (care) accounts, as the care pipeline sees it.
 *
 * @param brand         brand id from the catalog
 * @param postId        the reply's post id
 * @param replyToId     the post it answers, or null when it answers nothing (a broadcast)
 * @param createdAt     event time, epoch ms
 * @param account       the official account's handle, lower case
 * @param text          the text as published
 * @param customer      the handle it addresses (the first mention that is not one of the
 *                      brand's accounts), lower case, or null
 * @param canned        whether the text is a near-duplicate of the brand's replies to other customers
 * @param cannedExample when canned, the text of the earliest reply of its near-duplicate group; else null
 * @param conversation  the thread it belongs to ({@code Post#conversationId()}), or null when its platform does not say
 */
public record BrandReply(
        String brand,
        String postId,
        String replyToId,
        long createdAt,
        String account,
        String text,
        String customer,
        boolean canned,
        String cannedExample,
        String conversation) {

    /** A reply whose platform does not say which thread it belongs to. */
    public BrandReply(String brand, String postId, String replyToId, long createdAt, String account, String text, String customer,
            boolean canned, String cannedExample) {
        this(brand, postId, replyToId, createdAt, account, text, customer, canned, cannedExample, null);
    }

    /** The same reply with the canned-reply verdict. */
    public BrandReply judged(boolean isCanned, String example) {
        return new BrandReply(brand, postId, replyToId, createdAt, account, text, customer, isCanned, isCanned ? example : null,
                conversation);
    }
}
