package io.outcry.care;

/**
 * What the case tracker reads on its first input: either a customer's post or a brand's reply
 * (exactly one is set), so that both arrive through one keyed stream in event-time order.
 */
public record CareInput(CustomerPost customer, BrandReply reply) {

    public CareInput {
        if ((customer == null) == (reply == null)) {
            throw new IllegalArgumentException("a care input is a customer post or a brand reply, exactly one");
        }
    }

    public static CareInput of(CustomerPost post) {
        return new CareInput(post, null);
    }

    public static CareInput of(BrandReply reply) {
        return new CareInput(null, reply);
    }

    public String brand() {
        return customer != null ? customer.brand() : reply.brand();
    }

    public long createdAt() {
        return customer != null ? customer.createdAt() : reply.createdAt();
    }

    public String postId() {
        return customer != null ? customer.postId() : reply.postId();
    }
}
