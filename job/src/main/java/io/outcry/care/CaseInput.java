package io.outcry.care;

import java.util.List;

/**
 * What the case tracker reads on its keyed input, under the key of the conversation it belongs
 * to ({@link #key}): a care input, or a case that the tracker of the versions that kept cases
 * per brand held, handed over with its thread ({@link CaseHandOver}). Exactly one of
 * {@code input} and {@code handedOver} is set.
 *
 * @param key        brand and conversation ({@link #key(String, String, String)})
 * @param input      a customer post, brand reply or deletion, or null
 * @param handedOver a case of a former tracker, or null
 * @param threadIds  with {@code handedOver}: the ids of its thread, the opening post first
 */
public record CaseInput(String key, CareInput input, CareCase handedOver, List<String> threadIds) {

    public CaseInput {
        if ((input == null) == (handedOver == null)) {
            throw new IllegalArgumentException("a case input is a care input or a handed-over case, exactly one");
        }
    }

    /**
     * The conversation a case belongs to, under which a brand's cases spread over the job's
     * parallelism: the brand and the thread ({@code c:} and the id of the post that started it),
     * where the platform says which thread a post is in, so that every customer's posts in it and
     * the brand's replies meet; else the brand and the customer ({@code u:} and the handle, lower
     * case), whose posts and the replies addressed to them meet, but not other customers' posts in
     * the same thread.
     */
    public static String key(String brand, String conversation, String customer) {
        return conversation != null ? brand + "|c:" + conversation : brand + "|u:" + (customer == null ? "" : customer);
    }

    /** The brand of a conversation's key. */
    public static String brandOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    /** A customer post or brand reply under its conversation ({@link #key}). */
    public static CaseInput of(CareInput input) {
        if (input.customer() != null) {
            return new CaseInput(key(input.brand(), input.customer().conversation(), input.customer().customer()), input, null, null);
        }
        if (input.reply() != null) {
            return new CaseInput(key(input.brand(), input.reply().conversation(), input.reply().customer()), input, null, null);
        }
        throw new IllegalArgumentException("a deletion's conversation comes with it: use of(key, input)");
    }

    public static CaseInput of(String key, CareInput input) {
        return new CaseInput(key, input, null, null);
    }

    /**
     * A former tracker's case, under its customer's conversation: that tracker kept no thread, so
     * where a platform says which thread a post is in, the case's later posts come under their
     * thread and find it no more (see {@link CaseHandOver}).
     */
    public static CaseInput handedOver(CareCase c, List<String> threadIds) {
        return new CaseInput(key(c.brand(), null, c.customer()), null, c, List.copyOf(threadIds));
    }
}
