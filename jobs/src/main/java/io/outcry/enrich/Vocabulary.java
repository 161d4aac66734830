package io.outcry.enrich;

/**
 * Numbers every folded word that some matcher of the enrichment knows (a catalog phrase's
 * word, a lexicon entry, a cue), so that a post's tokens are looked up once, while
 * {@link TextNormalizer} reads them, and every matcher after that compares ints. Words no
 * matcher registered get {@link #UNKNOWN}: no index can match them, and a post's unseen
 * words never grow the table, so it stays the size of the catalogs in a long-running job.
 *
 * <p>The tokeniser probes the table with the chars it has just read, so a known word costs
 * neither a String nor a hash of one: the table hands back its own String. Reads take no lock:
 * entries are immutable and a reader sees either a whole entry or none. Words are registered
 * (under a lock) while catalogs load; {@link #generation()} tells a tokenised text whether
 * words were registered after it was read, so that its ids are never stale.
 */
final class Vocabulary {

    static final int UNKNOWN = -1;

    private static final Object LOCK = new Object();
    private static volatile Entry[] table = new Entry[1 << 12];
    private static volatile int generation;
    private static int size;

    private Vocabulary() {}

    /**
     * A registered word; final fields, so a reader that sees the entry sees all of it. The
     * word's chars are kept apart too: the tokeniser compares them with one array read per
     * char, where {@link String#charAt} checks the String's coding and bounds every time.
     */
    record Entry(String word, int id, int hash, char[] chars) {

        Entry(String word, int id, int hash) {
            this(word, id, hash, word.toCharArray());
        }
    }

    /** The id of {@code word}, registering it if it is new. */
    static int intern(String word) {
        int id = id(word);
        if (id != UNKNOWN) {
            return id;
        }
        synchronized (LOCK) {
            Entry[] entries = table;
            int hash = word.hashCode();
            int slot = find(entries, hash, word);
            if (entries[slot] != null) {
                return entries[slot].id();
            }
            id = size++;
            if (size * 2 > entries.length) {
                entries = grown(entries);
                slot = find(entries, hash, word);
                entries[slot] = new Entry(word, id, hash);
                table = entries;
            } else {
                entries[slot] = new Entry(word, id, hash);
            }
            generation = size;
            return id;
        }
    }

    /** The id of {@code word}, or {@link #UNKNOWN} when no matcher registered it. */
    static int id(String word) {
        Entry[] entries = table;
        Entry entry = entries[find(entries, word.hashCode(), word)];
        return entry == null ? UNKNOWN : entry.id();
    }

    /**
     * The entry of the word in {@code chars[from, to)}, whose {@link String#hashCode()} is
     * {@code hash}, or null when no matcher registered it.
     */
    static Entry lookup(char[] chars, int from, int to, int hash) {
        Entry[] entries = table;
        int mask = entries.length - 1;
        int length = to - from;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            Entry entry = entries[slot];
            if (entry == null) {
                return null;
            }
            if (entry.hash() == hash && entry.chars().length == length && sameChars(entry.chars(), chars, from)) {
                return entry;
            }
        }
    }

    static int[] ids(String[] words) {
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            ids[i] = id(words[i]);
        }
        return ids;
    }

    /** Every registered word at its id, {@link #generation()} of them. */
    static String[] words() {
        synchronized (LOCK) {
            String[] words = new String[size];
            for (Entry entry : table) {
                if (entry != null) {
                    words[entry.id()] = entry.word();
                }
            }
            return words;
        }
    }

    /** Changes whenever a word is registered. */
    static int generation() {
        return generation;
    }

    private static boolean sameChars(char[] word, char[] chars, int from) {
        for (int k = 0; k < word.length; k++) {
            if (word[k] != chars[from + k]) {
                return false;
            }
        }
        return true;
    }

    /** The slot holding {@code word}, or the free slot where it would go. */
    private static int find(Entry[] entries, int hash, String word) {
        int mask = entries.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            Entry entry = entries[slot];
            if (entry == null || entry.hash() == hash && entry.word().equals(word)) {
                return slot;
            }
        }
    }

    private static Entry[] grown(Entry[] entries) {
        Entry[] grown = new Entry[entries.length * 2];
        int mask = grown.length - 1;
        for (Entry entry : entries) {
            if (entry != null) {
                int slot = spread(entry.hash()) & mask;
                while (grown[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = entry;
            }
        }
        return grown;
    }

    /** The table keeps the low bits of the result: mix the high bits of the String hash into them. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
