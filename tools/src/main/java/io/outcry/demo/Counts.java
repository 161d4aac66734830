package io.outcry.demo;

/**
 * The job's own counters, summed over its subtasks.
 *
 * @param posts     records that parsed into posts ({@code recordsIngested})
 * @param malformed records dead-lettered at ingest ({@code recordsDeadLettered})
 * @param tooLate   posts that arrived after the allowed lateness ({@code postsTooLate})
 * @param rejected  documents Elasticsearch refused ({@code documentsRejected})
 * @param windows   window results indexed, late updates included ({@code documentsIndexed})
 */
record Counts(long posts, long malformed, long tooLate, long rejected, long windows) {

    static Counts now() {
        return new Counts(
                LiveCounters.sum("recordsIngested"),
                LiveCounters.sum("recordsDeadLettered"),
                LiveCounters.sum("postsTooLate"),
                LiveCounters.sum("documentsRejected"),
                LiveCounters.sum("documentsIndexed"));
    }

    long deadLetters() {
        return malformed + tooLate + rejected;
    }

    long records() {
        return posts + malformed;
    }
}
