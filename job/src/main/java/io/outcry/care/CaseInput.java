package io.outcry.care;

import java.util.List;

/**
 * What the case tracker reads on its keyed input, under the key of the conversation it belongs
 * to ({@link #key}): a care input, or a case that the tracker of the versions that kept cases
 * per brand held, handed over with its thread ({@link CaseHandOver}). Exactly one of
 * {@code input} and {@code handedOver} is set.
 *
 * @param key        brand and customer ({@link #key(String, String)})
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
     * The conversation a case belongs to: its brand and its customer (the handle, lower case,
     * empty when unknown). A brand's cases spread over the job's parallelism by it, and a
     * customer's posts and the brand's replies to them meet under it.
     */
    public static String key(String brand, String customer) {
        return brand + "|" + (customer == null ? "" : customer);
    }

    /** The brand of a conversation's key. */
    public static String brandOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    /** A customer post or brand reply under its conversation: the post's author, the customer the reply addresses. */
    public static CaseInput of(CareInput input) {
        String customer = input.customer() != null ? input.customer().customer()
                : input.reply() != null ? input.reply().customer() : null;
        if (input.deleted() != null) {
            throw new IllegalArgumentException("a deletion's conversation comes with it: use of(key, input)");
        }
        return new CaseInput(key(input.brand(), customer), input, null, null);
    }

    public static CaseInput of(String key, CareInput input) {
        return new CaseInput(key, input, null, null);
    }

    public static CaseInput handedOver(CareCase c, List<String> threadIds) {
        return new CaseInput(key(c.brand(), c.customer()), null, c, List.copyOf(threadIds));
    }
}
