package io.outcry.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a hashtag written in one lower-case run ("pessimoservizio", "neveragain") into words
 * of a vocabulary: the fewest words that cover it exactly, so that a hashtag is split only
 * when every part of it is a known word and otherwise stays whole. The bundled vocabulary is
 * the words of the sentiment lexicons ({@code lexicon/hashtag-words.txt}, derived by
 * {@code LexiconBuilder} (tools)) plus short function words in six languages
 * ({@code lexicon/function-words.txt}, kept by hand).
 */
public final class HashtagSplitter {

    /** Longer hashtags are left whole: the search is quadratic in the length. */
    static final int MAX_LENGTH = 40;
    private static final int MAX_WORDS = 4;

    /**
     * The words of at most {@link Vocabulary#PACKED_LENGTH} ASCII chars by their packed key, in
     * open addressing (0 where a slot is free): the search probes every part of a hashtag, and
     * a part is probed as the key it builds char by char, with no substring to allocate and hash.
     */
    private final long[] shortWords;
    /** The other words. */
    private final Set<String> longWords;

    HashtagSplitter(Set<String> vocabulary) {
        Set<String> longer = new HashSet<>();
        List<Long> keys = new ArrayList<>(vocabulary.size());
        for (String word : vocabulary) {
            long key = Vocabulary.packed(word.toCharArray(), 0, word.length());
            if (key == 0) {
                longer.add(word);
            } else {
                keys.add(key);
            }
        }
        this.shortWords = new long[Integer.highestOneBit(Math.max(keys.size(), 1) * 2) * 2];
        keys.forEach(key -> shortWords[slotOf(key)] = key);
        this.longWords = Set.copyOf(longer);
    }

    static HashtagSplitter bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * The cut positions (ascending, exclusive of 0 and {@code length}) that split the hashtag
     * folded into {@code chars[0, length)} into the fewest vocabulary words, or null when it
     * is a word itself or cannot be covered. Of two cuts into as few words, the one whose last
     * word is shorter wins.
     */
    public int[] split(char[] chars, int length) {
        if (length < 4 || length > MAX_LENGTH || contains(chars, 0, length, Vocabulary.packed(chars, 0, length))) {
            return null;
        }
        // fewest[k]: fewest words covering the hashtag's [0, k); from[k]: where the last of them starts
        int[] fewest = new int[length + 1];
        int[] from = new int[length + 1];
        Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (int start = 0; start < length; start++) {
            if (fewest[start] >= MAX_WORDS) {
                continue;
            }
            long key = 0;
            boolean packed = true;
            for (int end = start + 1; end <= length; end++) {
                packed &= chars[end - 1] < 0x80 && end - start <= Vocabulary.PACKED_LENGTH;
                key = Vocabulary.pack(key, chars[end - 1]);
                if (end - start >= 2 && fewest[start] + 1 <= fewest[end] && contains(chars, start, end, packed ? key : 0)) {
                    fewest[end] = fewest[start] + 1;
                    from[end] = start;
                }
            }
        }
        if (fewest[length] == Integer.MAX_VALUE) {
            return null;
        }
        int[] cuts = new int[fewest[length] - 1];
        for (int end = length, k = cuts.length - 1; k >= 0; k--) {
            end = from[end];
            cuts[k] = end;
        }
        return cuts;
    }

    /** Whether {@code chars[from, to)}, whose packed key is {@code key} (0 when it has none), is a word. */
    private boolean contains(char[] chars, int from, int to, long key) {
        if (key == 0) {
            return longWords.contains(new String(chars, from, to - from));
        }
        return shortWords[slotOf(key)] == key;
    }

    /** The slot holding {@code key}, or the free slot where it would go. */
    private int slotOf(long key) {
        int mask = shortWords.length - 1;
        int slot = Vocabulary.spread(key) & mask;
        while (shortWords[slot] != 0 && shortWords[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static final class Bundled {

        static final HashtagSplitter INSTANCE = load();

        private static HashtagSplitter load() {
            Set<String> words = new HashSet<>(64_000);
            read("lexicon/hashtag-words.txt", words);
            read("lexicon/function-words.txt", words);
            return new HashtagSplitter(words);
        }

        private static void read(String resource, Set<String> words) {
            InputStream in = HashtagSplitter.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new CatalogException("classpath:" + resource + " missing (broken build?)");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String word = line.strip();
                    if (!word.isEmpty() && !word.startsWith("#")) {
                        words.add(word);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath:" + resource, e);
            }
        }
    }
}
