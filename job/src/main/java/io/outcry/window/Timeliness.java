package io.outcry.window;

/**
 * Whether a post came in time to be judged, told from the order of the partition it came
 * from, never from when it reached an operator: a replay or a restart marks every post alike,
 * while which posts a window's first firing holds depends on how the partitions interleave.
 */
public enum Timeliness {
    /**
     * Its window had not ended by the watermark its partition may have reached: the newest post
     * the partition had sent before it, less the out-of-orderness bound.
     */
    ON_TIME,
    /** Its window may have fired: counted in its window's documents, but it only ever revises an alert. */
    LATE,
    /** So old that its window had closed for good (end + allowed lateness): dead-lettered. */
    TOO_LATE
}
