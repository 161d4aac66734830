package io.outcry.care;

/**
 * One care window's result for a brand ({@code scope = brand}, topic and region {@code *}) or a
 * brand × topic × region. Replies are counted per brand only.
 *
 * @param brandReplies     replies by the brand's official accounts in the window
 * @param cannedReplies    of which canned
 * @param cannedShare      canned / brand replies, null when there were none
 * @param cannedExample    the text of the most repeated canned reply group in the window, or null
 * @param unmatchedReplies brand replies whose reply-to led to no known case
 */
public record CareWindow(
        String brand,
        String scope,
        String topic,
        String region,
        long windowStart,
        long windowEnd,
        CareMetrics all,
        CareMetrics incident,
        CareMetrics normal,
        long brandReplies,
        long cannedReplies,
        Double cannedShare,
        String cannedExample,
        long unmatchedReplies) {

    /** {@code brand|scope|topic|region|window start millis}: the same on a replay, so a replay overwrites. */
    public String id() {
        return brand + '|' + scope + '|' + topic + '|' + region + '|' + windowStart;
    }
}
