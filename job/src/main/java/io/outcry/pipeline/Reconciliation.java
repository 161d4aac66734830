package io.outcry.pipeline;

import io.outcry.connectors.kafka.IngestingDeserializer;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What became of every record the job read, from the job's own counters: records read = posts
 * + dead letters by reason + duplicates. Each record read ends in exactly one of these, so once
 * the job has processed what it read the equation holds exactly; a difference means records
 * still in flight, or a record lost or counted twice, and {@link #line()} says so.
 *
 * <p>The counters, each summed over the job's subtasks, any metric reporter can add up the same way:
 * {@value IngestingDeserializer#RECORDS_READ} at the source; dead letters at ingest
 * ({@value IngestingDeserializer#RECORDS_DEAD_LETTERED}), at enrichment
 * ({@value EnrichPosts#POSTS_NOT_ENRICHED}) and too late for their window
 * ({@value TooLatePosts#POSTS_TOO_LATE}); duplicates ({@value RouteIngested#POSTS_DUPLICATED}); posts are
 * the posts enriched ({@value EnrichPosts#POSTS_ENRICHED}) less the too-late ones, which were
 * enriched before their window refused them.
 *
 * @param read        records read from the posts topic
 * @param posts       records that became a post, counted once, and were not refused later
 * @param unreadable  records the parser refused, dead-lettered at stage {@code ingest}
 * @param tooLate     posts that came after their window closed, dead-lettered at stage {@code late}
 * @param notEnriched posts whose enrichment failed, dead-lettered at stage {@code enrich}
 * @param duplicates  copies of a post already counted
 */
public record Reconciliation(long read, long posts, long unreadable, long tooLate, long notEnriched, long duplicates) {

    /** @param counter a counter's value summed over the job's subtasks, by its name */
    public static Reconciliation of(ToLongFunction<String> counter) {
        long tooLate = counter.applyAsLong(TooLatePosts.POSTS_TOO_LATE);
        return new Reconciliation(
                counter.applyAsLong(IngestingDeserializer.RECORDS_READ),
                counter.applyAsLong(EnrichPosts.POSTS_ENRICHED) - tooLate,
                counter.applyAsLong(IngestingDeserializer.RECORDS_DEAD_LETTERED),
                tooLate,
                counter.applyAsLong(EnrichPosts.POSTS_NOT_ENRICHED),
                counter.applyAsLong(RouteIngested.POSTS_DUPLICATED));
    }

    public long deadLetters() {
        return unreadable + tooLate + notEnriched;
    }

    /** Records read and not accounted for: positive while some are in flight or when one was lost, negative when counted twice. */
    public long unaccounted() {
        return read - posts - deadLetters() - duplicates;
    }

    public boolean holds() {
        return unaccounted() == 0;
    }

    /**
     * The equation with its figures, e.g. {@code records read 100 = posts 80 + dead letters 15
     * (unreadable 12, too late 3, enrichment failed 0) + duplicates 5}, and, when it does not
     * hold, by how much.
     */
    public String line() {
        String line = String.format(Locale.ROOT,
                "records read %d %s posts %d + dead letters %d (unreadable %d, too late %d, enrichment failed %d) + duplicates %d",
                read, holds() ? "=" : "!=", posts, deadLetters(), unreadable, tooLate, notEnriched, duplicates);
        if (unaccounted() > 0) {
            return line + "; does not reconcile: " + unaccounted() + " records read are not accounted for (still in flight, or lost)";
        }
        if (unaccounted() < 0) {
            return line + "; does not reconcile: " + -unaccounted() + " more outcomes than records read (counted twice)";
        }
        return line;
    }
}
