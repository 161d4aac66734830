package io.outcry.pipeline;

import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The posts of one partition that a copy could still follow in time for their window: their
 * keys ({@code platform:id}), filed under the last moment a copy would be taken, and forgotten
 * once the partition's watermark passes it. A copy that comes later is too late by its
 * partition anyway.
 */
final class RecentPosts {

    private final Set<String> keys = new HashSet<>();
    /** Few entries: the last moments are window ends plus the lateness. */
    private final TreeMap<Long, List<String>> byLastMoment = new TreeMap<>();

    /** The key copies of a post share: the posts topic's record key. */
    static String key(Post post) {
        return post.platform() + ":" + post.id();
    }

    /** Whether {@code key} is not known yet; then it is remembered until the watermark passes {@code lastMoment}. */
    boolean firstCopy(String key, long lastMoment) {
        if (!keys.add(key)) {
            return false;
        }
        byLastMoment.computeIfAbsent(lastMoment, at -> new ArrayList<>()).add(key);
        return true;
    }

    /** Forgets the posts whose last moment is at or before {@code watermark}. */
    void forgetUpTo(long watermark) {
        while (!byLastMoment.isEmpty() && byLastMoment.firstKey() <= watermark) {
            for (String key : byLastMoment.pollFirstEntry().getValue()) {
                keys.remove(key);
            }
        }
    }

    int size() {
        return keys.size();
    }

    /** Each remembered key with its last moment. */
    void forEach(BiConsumer<Long, String> action) {
        for (Map.Entry<Long, List<String>> entry : byLastMoment.entrySet()) {
            for (String key : entry.getValue()) {
                action.accept(entry.getKey(), key);
            }
        }
    }
}
