package io.outcry.index;

import java.time.Duration;

/**
 * How the job's indices are laid out. {@link #defaults()} is the one place the defaults live;
 * they reach an index through its template, so they apply to indices created after a template
 * went out (see {@code IndexTemplates} in the connectors for when one does).
 *
 * @param shards          primary shards of a new index (default 1: an index holds at most a day of windows)
 * @param replicas        copies of each shard (default 0, which a single node needs to go green;
 *                        give 1 or more on a cluster)
 * @param refreshInterval how soon a written document is searchable, or null for each template's
 *                        own: 1 s; 500 ms for the windows, so a window is searchable within
 *                        two seconds of its firing (the sink sends at least every second
 *                        too); 5 s for the care cases, the index written most, which a desk
 *                        reads by the minute
 */
public record IndexSettings(int shards, int replicas, Duration refreshInterval) {

    public IndexSettings {
        if (shards < 1) {
            throw new IllegalArgumentException("--index-shards is " + shards + "; an index needs 1 or more");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("--index-replicas is " + replicas + "; use 0 or more");
        }
        if (refreshInterval != null && refreshInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("--index-refresh-interval is " + refreshInterval + "; it must be a positive duration");
        }
    }

    public static IndexSettings defaults() {
        return new IndexSettings(1, 0, null);
    }
}
