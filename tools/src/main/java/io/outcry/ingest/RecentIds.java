package io.outcry.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} post keys seen, to count a post sent twice (a stream replaying after
 * a reconnect, archive files that overlap) once. Bounded so a long backfill cannot run out of
 * memory; a copy further apart than the window passes, and the job's own dedupe has the last word.
 */
final class RecentIds {

    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true the first time a key is offered within the window */
    boolean firstTime(String key) {
        return seen.putIfAbsent(key, Boolean.TRUE) == null;
    }
}
