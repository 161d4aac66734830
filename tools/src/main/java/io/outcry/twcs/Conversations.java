package io.outcry.twcs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation of every tweet of a twcs export: the root of its reply chain within the file.
 * The export's rows are not in thread order (a reply can come before its parent), so every chain
 * of the file is known before any tweet is given its conversation.
 *
 * <p>A tweet's chain follows {@code in_response_to_tweet_id} upwards while the parent is in the
 * file. Its conversation is the topmost tweet reached, or, when the chain names a parent the file
 * does not hold (the export starts mid-thread, or the parent's row was rejected), that parent's
 * id: the tweets under it still share one conversation. A malformed file can close a chain on
 * itself; every tweet on the cycle, or leading into it, then gets the cycle's smallest id, so the
 * answer does not depend on the order of the rows.
 *
 * <p>The full export holds about 2.8 million tweets, so ids are kept as sorted {@code long}s
 * (twcs ids are numbers) and found by binary search: 16 bytes a tweet once built, under 50
 * while building.
 */
final class Conversations {

    /** A tweet that replies to nothing. Ids that fit a long are never negative. */
    private static final long NONE = -1;
    private static final byte WALKING = 1;
    private static final byte RESOLVED = 2;

    /** Every tweet's id, sorted. */
    private final long[] ids;
    /** The conversation of {@code ids[i]}. */
    private final long[] conversations;
    /** Ids too long for a long (a malformed file's), numbered {@code -2, -3, ...} as they came. */
    private final Codes codes;

    private Conversations(long[] ids, long[] conversations, Codes codes) {
        this.ids = ids;
        this.conversations = conversations;
        this.codes = codes;
    }

    /** The conversation of the tweet, or null when the tweet was not {@linkplain Builder#add added}. */
    String of(String id) {
        long code = codes.existing(id);
        int at = code == NONE ? -1 : Arrays.binarySearch(ids, code);
        return at < 0 ? null : codes.id(conversations[at]);
    }

    /** Collects each tweet's id and parent, then resolves every chain at once; built once. */
    static final class Builder {

        private final Codes codes = new Codes();
        private long[] ids = new long[1024];
        private long[] parents = new long[1024];
        private int size;

        /** One tweet of the file; each id is added once (the reader refuses a repeated tweet). */
        void add(String id, String replyToId) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size + size / 2);
                parents = Arrays.copyOf(parents, ids.length);
            }
            ids[size] = codes.of(id);
            parents[size] = replyToId == null ? NONE : codes.of(replyToId);
            size++;
        }

        Conversations build() {
            long[] sorted = Arrays.copyOf(ids, size);
            Arrays.sort(sorted);
            for (int i = 1; i < size; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    throw new IllegalArgumentException("tweet_id " + codes.id(sorted[i]) + " was added twice");
                }
            }
            long[] parentOf = new long[size];
            for (int i = 0; i < size; i++) {
                parentOf[Arrays.binarySearch(sorted, ids[i])] = parents[i];
            }
            ids = null;
            parents = null;
            return new Conversations(sorted, resolve(sorted, parentOf), codes);
        }

        /**
         * Walks each chain upwards once: a walk stops at a tweet already resolved, at the top of its
         * chain, or on meeting itself (a cycle), and every tweet it passed gets what it found.
         */
        private long[] resolve(long[] ids, long[] parentOf) {
            long[] conversations = new long[ids.length];
            byte[] state = new byte[ids.length];
            int[] walk = new int[16];
            for (int start = 0; start < ids.length; start++) {
                if (state[start] == RESOLVED) {
                    continue;
                }
                int length = 0;
                long conversation;
                int at = start;
                while (true) {
                    if (state[at] == RESOLVED) {
                        conversation = conversations[at];
                        break;
                    }
                    if (state[at] == WALKING) {
                        conversation = smallestOfCycle(ids, walk, length, at);
                        break;
                    }
                    state[at] = WALKING;
                    if (length == walk.length) {
                        walk = Arrays.copyOf(walk, length * 2);
                    }
                    walk[length++] = at;
                    long parent = parentOf[at];
                    if (parent == NONE) {
                        conversation = ids[at];
                        break;
                    }
                    int up = Arrays.binarySearch(ids, parent);
                    if (up < 0) {
                        conversation = parent;
                        break;
                    }
                    at = up;
                }
                for (int i = 0; i < length; i++) {
                    conversations[walk[i]] = conversation;
                    state[walk[i]] = RESOLVED;
                }
            }
            return conversations;
        }

        /** The smallest id of the cycle the walk closed: the tweets from {@code back} to the walk's end. */
        private long smallestOfCycle(long[] ids, int[] walk, int length, int back) {
            long smallest = ids[back];
            for (int i = length - 1; walk[i] != back; i--) {
                if (codes.compare(ids[walk[i]], smallest) < 0) {
                    smallest = ids[walk[i]];
                }
            }
            return smallest;
        }
    }

    /**
     * Ids as longs: the number itself when it fits (every real tweet id does), else a negative
     * code. The reader accepts any number of digits, so a malformed file's longer ids are still
     * kept apart rather than refused.
     */
    private static final class Codes {

        private final Map<String, Long> codeOfLong = new HashMap<>();
        private final List<String> longIds = new ArrayList<>();

        long of(String id) {
            long code = existing(id);
            if (code != NONE) {
                return code;
            }
            longIds.add(id);
            code = -1 - longIds.size();
            codeOfLong.put(id, code);
            return code;
        }

        /** The id's code, or {@link #NONE} for a long id never seen. */
        long existing(String id) {
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException tooLong) {
                return codeOfLong.getOrDefault(id, NONE);
            }
        }

        String id(long code) {
            return code >= 0 ? Long.toString(code) : longIds.get((int) (-2 - code));
        }

        /** Numeric order: a long id is larger than any that fits a long; ids are plain decimals without leading zeros. */
        int compare(long a, long b) {
            if (a >= 0 || b >= 0) {
                return a >= 0 && b >= 0 ? Long.compare(a, b) : a >= 0 ? -1 : 1;
            }
            String x = id(a);
            String y = id(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
    }
}
