package io.outcry.care;

import java.util.Arrays;
import java.util.List;

/**
 * The case metrics of one care window, for all cases or one side of the incident split.
 *
 * @param opened             cases opened in the window
 * @param answered           cases first answered in the window
 * @param responseRate       answered / opened, null when none opened (a flow ratio: a window can
 *                           answer cases older windows opened)
 * @param p50Seconds         median first response time of the cases answered in the window (nearest
 *                           rank: the value at rank ⌈n/2⌉ of the sorted times, the lower middle for even n), or null
 * @param p90Seconds         90th percentile by nearest rank (rank ⌈0.9 n⌉), or null
 * @param meanSeconds        mean first response time, or null
 * @param answeredWithinSla  cases first answered in the window by their deadline
 * @param answeredAfterSla   cases first answered in the window after it
 * @param unansweredAfterSla cases whose deadline passed unanswered in the window
 * @param expired            unanswered cases dropped after the TTL in the window
 * @param responseSeconds    the first response time of every case first answered in the window, ascending:
 *                           a percentile over several windows is then exact (Elasticsearch's
 *                           {@code percentiles} reads every value of a multi-valued field)
 */
public record CareMetrics(
        long opened,
        long answered,
        Double responseRate,
        Long p50Seconds,
        Long p90Seconds,
        Double meanSeconds,
        long answeredWithinSla,
        long answeredAfterSla,
        long unansweredAfterSla,
        long expired,
        List<Long> responseSeconds) {

    public CareMetrics {
        // null in a care window restored from a snapshot taken before the times were kept
        responseSeconds = responseSeconds == null ? List.of() : List.copyOf(responseSeconds);
    }

    static CareMetrics of(CareTally t) {
        long[] sorted = t.responseSeconds.stream().mapToLong(Long::longValue).sorted().toArray();
        long answered = t.answeredWithinSla + t.answeredAfterSla;
        return new CareMetrics(
                t.opened,
                answered,
                t.opened == 0 ? null : (double) answered / t.opened,
                nearestRank(sorted, 0.5),
                nearestRank(sorted, 0.9),
                sorted.length == 0 ? null : (double) Arrays.stream(sorted).sum() / sorted.length,
                t.answeredWithinSla,
                t.answeredAfterSla,
                t.unansweredAfterSla,
                t.expired,
                // sorted, so that the document does not depend on the order the answers came in
                Arrays.stream(sorted).boxed().toList());
    }

    /** The value at rank ⌈p·n⌉ (1-based) of the sorted values, or null when there are none. */
    static Long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
