package io.outcry.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Numbers every folded word that some matcher of the enrichment knows (a catalog phrase's
 * word, a lexicon entry, a cue), so that a post's tokens are looked up once, while
 * {@link TextNormalizer} reads them, and every matcher after that compares ints. Words no
 * matcher registered get {@link #UNKNOWN}: no index can match them, and a post's unseen
 * words never grow the table, so it stays the size of the catalogs in a long-running job.
 *
 * <p>The tokeniser probes the table with the chars it has just read, so a known word costs
 * neither a String nor a hash of one: the table hands back its own String. Most words are
 * short and ASCII, and such a word is its own key ({@link #pack}): one slot read tells whether
 * it is known, with no chars to compare and no entry object to follow. Reads take no lock: a
 * slot's id is written before its key is released, so a reader that sees the key sees the id.
 * Words are registered (under a lock) while catalogs load; {@link #generation()} tells a
 * tokenised text whether words were registered after it was read, so that its ids are never
 * stale.
 */
public final class Vocabulary {

    public static final int UNKNOWN = -1;
    /** Words up to this long, in ASCII, are their own key: 7 bits a char fill 63 bits. */
    static final int PACKED_LENGTH = 9;

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
    /** The key of every other word is its String hash with this bit, which no packed key has. */
    private static final long HASHED = 1L << 63;
    private static final Object LOCK = new Object();
    private static volatile Table table = new Table(1 << 12);
    /** Registered words by id. */
    private static volatile String[] words = new String[1 << 11];
    private static volatile int generation;
    private static int size;

    private Vocabulary() {}

    /** Open addressing with linear probing: a key per slot, 0 where the slot is free, and its id beside it. */
    private record Table(long[] keys, int[] ids) {

        Table(int capacity) {
            this(new long[capacity], new int[capacity]);
        }
    }

    /** The id of {@code word}, registering it if it is new. */
    public static int intern(String word) {
        int id = id(word);
        if (id != UNKNOWN) {
            return id;
        }
        synchronized (LOCK) {
            long key = key(word);
            Table entries = table;
            int slot = find(entries, key, word);
            if (entries.keys[slot] != 0) {
                return entries.ids[slot];
            }
            id = size++;
            if (id == words.length) {
                words = Arrays.copyOf(words, id * 2);
            }
            words[id] = word;
            if (size * 2 > entries.keys.length) {
                entries = grown(entries);
                slot = find(entries, key, word);
                entries.ids[slot] = id;
                entries.keys[slot] = key;
                table = entries;
            } else {
                entries.ids[slot] = id;
                KEYS.setRelease(entries.keys, slot, key);
            }
            generation = size;
            return id;
        }
    }

    /** The id of {@code word}, or {@link #UNKNOWN} when no matcher registered it. */
    static int id(String word) {
        Table entries = table;
        int slot = find(entries, key(word), word);
        return entries.keys[slot] == 0 ? UNKNOWN : entries.ids[slot];
    }

    /**
     * The id of the word in {@code chars[from, to)}, or {@link #UNKNOWN} when no matcher
     * registered it.
     */
    static int lookup(char[] chars, int from, int to) {
        long packed = packed(chars, from, to);
        long key = packed != 0 ? packed : hashed(chars, from, to);
        Table entries = table;
        long[] keys = entries.keys;
        int mask = keys.length - 1;
        for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
            long found = (long) KEYS.getAcquire(keys, slot);
            if (found == 0) {
                return UNKNOWN;
            }
            if (found == key) {
                int id = entries.ids[slot];
                if (packed != 0 || sameChars(words[id], chars, from, to)) {
                    return id;
                }
            }
        }
    }

    /** The registered word {@code id}. */
    public static String word(int id) {
        return words[id];
    }

    public static int[] ids(String[] words) {
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            ids[i] = id(words[i]);
        }
        return ids;
    }

    /** Every registered word at its id, {@link #generation()} of them. */
    public static String[] words() {
        synchronized (LOCK) {
            return Arrays.copyOf(words, size);
        }
    }

    /** Changes whenever a word is registered. */
    public static int generation() {
        return generation;
    }

    /**
     * Appends ASCII {@code c} to the packed key {@code packed} of the chars before it: a word
     * of at most {@link #PACKED_LENGTH} ASCII letters and digits, packed char by char from 0,
     * is the key the table holds for it.
     */
    static long pack(long packed, char c) {
        return packed << 7 | c;
    }

    /**
     * The {@link #pack} key of {@code chars[from, to)}, or 0 when the word is longer than
     * {@link #PACKED_LENGTH} or not all ASCII, and is keyed by its hash instead.
     */
    static long packed(char[] chars, int from, int to) {
        if (to - from > PACKED_LENGTH) {
            return 0;
        }
        long packed = 0;
        for (int k = from; k < to; k++) {
            if (chars[k] == 0 || chars[k] >= 0x80) {
                return 0;
            }
            packed = pack(packed, chars[k]);
        }
        return packed;
    }

    private static long key(String word) {
        long packed = packed(word.toCharArray(), 0, word.length());
        return packed != 0 ? packed : hashed(word.hashCode());
    }

    private static long hashed(char[] chars, int from, int to) {
        int hash = 0;
        for (int k = from; k < to; k++) {
            hash = 31 * hash + chars[k];
        }
        return hashed(hash);
    }

    private static long hashed(int stringHash) {
        return HASHED | (stringHash & 0xFFFFFFFFL);
    }

    private static boolean sameChars(String word, char[] chars, int from, int to) {
        if (word.length() != to - from) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (word.charAt(k - from) != chars[k]) {
                return false;
            }
        }
        return true;
    }

    /** The slot holding {@code word}, whose key is {@code key}, or the free slot where it would go. */
    private static int find(Table entries, long key, String word) {
        long[] keys = entries.keys;
        int mask = keys.length - 1;
        for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
            long found = (long) KEYS.getAcquire(keys, slot);
            if (found == 0 || found == key && ((key & HASHED) == 0 || words[entries.ids[slot]].equals(word))) {
                return slot;
            }
        }
    }

    private static Table grown(Table entries) {
        Table grown = new Table(entries.keys.length * 2);
        int mask = grown.keys.length - 1;
        for (int old = 0; old < entries.keys.length; old++) {
            long key = entries.keys[old];
            if (key != 0) {
                int slot = spread(key) & mask;
                while (grown.keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown.keys[slot] = key;
                grown.ids[slot] = entries.ids[old];
            }
        }
        return grown;
    }

    /** A table of keys keeps the low bits of the result: mix all 64 bits of the key into them. */
    static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
