package io.outcry.care;

/**
 * How a brand spoke up about one alert or outage zone: its first public statement, its first
 * reply to a customer the incident affected, and, for a zone, the first time its official account
 * said or retweeted that the service works again while the zone was still down. A time of -1 (and a
 * null post id) means it has not happened.
 *
 * @param firstStatementAt     time of the brand's first public post about it at or after its onset, epoch ms
 * @param firstStatementId     that post's id
 * @param firstAffectedReplyAt time of the brand's first reply to a customer whose case is linked to it, epoch ms
 * @param firstAffectedReplyId that reply's id
 * @param restoredClaimAt      time of the brand's first "it works again" while the zone was down, epoch ms
 * @param restoredClaimId      that post's id
 */
public record BrandResponse(
        long firstStatementAt,
        String firstStatementId,
        long firstAffectedReplyAt,
        String firstAffectedReplyId,
        long restoredClaimAt,
        String restoredClaimId) {

    public static final BrandResponse NONE = new BrandResponse(-1, null, -1, null, -1, null);

    public boolean hasStatement() {
        return firstStatementAt >= 0;
    }

    public boolean hasAffectedReply() {
        return firstAffectedReplyAt >= 0;
    }

    public boolean hasRestoredClaim() {
        return restoredClaimAt >= 0;
    }

    /** With {@code post} as the first statement when it comes before the one known (at equal times, the lower id). */
    public BrandResponse withStatement(long at, String postId) {
        return earlier(at, postId, firstStatementAt, firstStatementId)
                ? new BrandResponse(at, postId, firstAffectedReplyAt, firstAffectedReplyId, restoredClaimAt, restoredClaimId) : this;
    }

    public BrandResponse withAffectedReply(long at, String postId) {
        return earlier(at, postId, firstAffectedReplyAt, firstAffectedReplyId)
                ? new BrandResponse(firstStatementAt, firstStatementId, at, postId, restoredClaimAt, restoredClaimId) : this;
    }

    public BrandResponse withRestoredClaim(long at, String postId) {
        return earlier(at, postId, restoredClaimAt, restoredClaimId)
                ? new BrandResponse(firstStatementAt, firstStatementId, firstAffectedReplyAt, firstAffectedReplyId, at, postId) : this;
    }

    /** What both know: the earliest of each. */
    public BrandResponse merge(BrandResponse other) {
        BrandResponse merged = this;
        if (other.hasStatement()) {
            merged = merged.withStatement(other.firstStatementAt, other.firstStatementId);
        }
        if (other.hasAffectedReply()) {
            merged = merged.withAffectedReply(other.firstAffectedReplyAt, other.firstAffectedReplyId);
        }
        if (other.hasRestoredClaim()) {
            merged = merged.withRestoredClaim(other.restoredClaimAt, other.restoredClaimId);
        }
        return merged;
    }

    private static boolean earlier(long at, String id, long knownAt, String knownId) {
        return knownAt < 0 || at < knownAt || at == knownAt && id.compareTo(knownId) < 0;
    }
}
