package io.outcry.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Cuts a hashtag written in one lower-case run ("pessimoservizio", "neveragain") into words
 * of a vocabulary: the fewest words that cover it exactly, so that a hashtag is split only
 * when every part of it is a known word and otherwise stays whole. The bundled vocabulary is
 * the words of the sentiment lexicons ({@code lexicon/hashtag-words.txt}, derived by
 * {@link LexiconBuilder}) plus short function words in six languages
 * ({@code lexicon/function-words.txt}, kept by hand).
 */
final class HashtagSplitter {

    /** Longer hashtags are left whole: the search is quadratic in the length. */
    static final int MAX_LENGTH = 40;
    private static final int MAX_WORDS = 4;

    private final Set<String> vocabulary;

    HashtagSplitter(Set<String> vocabulary) {
        this.vocabulary = Set.copyOf(vocabulary);
    }

    static HashtagSplitter bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * The cut positions (ascending, exclusive of 0 and the length) that split {@code hashtag}
     * into the fewest vocabulary words, or null when it is a word itself or cannot be covered.
     */
    int[] split(String hashtag) {
        int length = hashtag.length();
        if (length < 4 || length > MAX_LENGTH || vocabulary.contains(hashtag)) {
            return null;
        }
        // fewest[k]: fewest words covering hashtag[0, k); from[k]: where the last of them starts
        int[] fewest = new int[length + 1];
        int[] from = new int[length + 1];
        Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (int end = 2; end <= length; end++) {
            for (int start = end - 2; start >= 0; start--) {
                if (fewest[start] >= MAX_WORDS || fewest[start] + 1 >= fewest[end]) {
                    continue;
                }
                if (vocabulary.contains(hashtag.substring(start, end))) {
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
