package io.outcry.care;

/**
 * A customer's post, a brand's reply or the deletion of one of them (exactly one is set), so
 * that all arrive at the case tracker through one keyed stream ({@link CaseInput}) in
 * event-time order.
 */
public record CareInput(CustomerPost customer, BrandReply reply, DeletedPost deleted) {

    public CareInput {
        if ((customer != null ? 1 : 0) + (reply != null ? 1 : 0) + (deleted != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("a care input is a customer post, a brand reply or a deletion, exactly one");
        }
    }

    public static CareInput of(CustomerPost post) {
        return new CareInput(post, null, null);
    }

    public static CareInput of(BrandReply reply) {
        return new CareInput(null, reply, null);
    }

    public static CareInput of(DeletedPost deletion) {
        return new CareInput(null, null, deletion);
    }

    public String brand() {
        return customer != null ? customer.brand() : reply != null ? reply.brand() : deleted.brand();
    }

    public long createdAt() {
        return customer != null ? customer.createdAt() : reply != null ? reply.createdAt() : deleted.at();
    }

    public String postId() {
        return customer != null ? customer.postId() : reply != null ? reply.postId() : deleted.postId();
    }

    /** At equal times customer posts come first, then replies, then deletions: a post is there before it is deleted. */
    int order() {
        return customer != null ? 0 : reply != null ? 1 : 2;
    }
}
