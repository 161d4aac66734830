package io.outcry.text;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds catalog phrases (one or more words) in tokenised text with one lookup per token and
 * per extra word, however many phrases there are: a trie keyed by the {@link Vocabulary} ids
 * of folded tokens. Phrases match whole tokens only, so "timido" never matches "tim".
 *
 * <p>It runs for every token of every post, several times over (brands, topics, sentiment,
 * cues, intents), so a lookup hashes no string and allocates nothing: each node's children sit
 * in an open-addressing table of int ids, and the {@link Match} a lookup returns is built once
 * with the node.
 *
 * @param <V> what a phrase stands for, e.g. a brand id or a word valence
 */
public final class PhraseIndex<V> {

    private final Node<V> root;
    /**
     * Bit per vocabulary id: whether a phrase starts with that word. Most tokens start no
     * phrase of a given index, and this small array answers that from the cache where the
     * root's big table would cost a memory read.
     */
    private final long[] firstWords;

    private PhraseIndex(Node<V> root) {
        this.root = root;
        BitSet starts = new BitSet();
        addFirstWords(starts);
        this.firstWords = starts.toLongArray();
    }

    private boolean startsAPhrase(int id) {
        int slot = id >>> 6;
        return id >= 0 && slot < firstWords.length && (firstWords[slot] & (1L << id)) != 0;
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    /** The longest phrase starting at token {@code start} of {@code text}, or null when none does. */
    public Match<V> longestAt(TokenizedText text, int start) {
        return longestAt(text.ids(), start);
    }

    /** The longest phrase starting at {@code ids[start]}, or null when none does. */
    public Match<V> longestAt(int[] ids, int start) {
        if (start >= ids.length || !startsAPhrase(ids[start])) {
            return null;
        }
        Node<V> node = root;
        Match<V> longest = null;
        for (int i = start; i < ids.length; i++) {
            node = node.next(ids[i]);
            if (node == null) {
                break;
            }
            if (node.match != null) {
                longest = node.match;
            }
        }
        return longest;
    }

    /** The value of the one-word phrase {@code id}, or null. */
    public V word(int id) {
        if (!startsAPhrase(id)) {
            return null;
        }
        Node<V> node = root.next(id);
        return node == null || node.match == null ? null : node.match.value();
    }

    /** Whether a phrase of two words or more starts with {@code id}. */
    public boolean startsLongerPhrase(int id) {
        Node<V> node = startsAPhrase(id) ? root.next(id) : null;
        return node != null && node.keys != null;
    }

    /** Adds the ids of the words phrases start with to {@code starts}. */
    public void addFirstWords(BitSet starts) {
        if (root.keys != null) {
            for (int key : root.keys) {
                if (key != Node.EMPTY) {
                    starts.set(key);
                }
            }
        }
    }

    /** Whether {@code id} is a one-word phrase of this index. */
    public boolean containsWord(int id) {
        return word(id) != null;
    }

    /** The value of a phrase given as already folded tokens, or null. */
    public V get(List<String> phraseTokens) {
        Node<V> node = root;
        for (String token : phraseTokens) {
            node = node.next(Vocabulary.id(token));
            if (node == null) {
                return null;
            }
        }
        return node.match == null ? null : node.match.value();
    }

    public boolean isEmpty() {
        return root.keys == null;
    }

    /** @param length how many tokens the phrase spans */
    public record Match<V>(V value, int length) {}

    public static final class Builder<V> {

        private final Draft<V> root = new Draft<>();

        /**
         * Adds {@code phrase} (any text, normalised here) for {@code value}.
         *
         * @return the value already registered for the same normalised phrase, or null; the
         *     first registration wins, so callers decide whether a clash is an error
         * @throws IllegalArgumentException when the phrase has no letters or digits at all
         */
        public V add(String phrase, V value) {
            List<String> tokens = TextNormalizer.tokens(phrase);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("phrase '" + phrase + "' has no letters or digits");
            }
            return addTokens(tokens, value);
        }

        /** Like {@link #add} for a phrase already split into folded tokens, at least one. */
        public V addTokens(List<String> tokens, V value) {
            Draft<V> node = root;
            for (String token : tokens) {
                node = node.children.computeIfAbsent(Vocabulary.intern(token), t -> new Draft<>());
            }
            if (node.value != null) {
                return node.value;
            }
            node.value = value;
            return null;
        }

        public PhraseIndex<V> build() {
            return new PhraseIndex<>(root.freeze(0));
        }
    }

    /** A node while phrases are added. */
    private static final class Draft<V> {

        private final Map<Integer, Draft<V>> children = new HashMap<>();
        private V value;

        Node<V> freeze(int depth) {
            Node<V> node = new Node<>(value == null ? null : new Match<>(value, depth), children.size());
            children.forEach((id, child) -> node.put(id, child.freeze(depth + 1)));
            return node;
        }
    }

    private static final class Node<V> {

        private static final int EMPTY = -1;

        private final Match<V> match;
        /** Open addressing, linear probing: child ids, {@link #EMPTY} where a slot is free. */
        private final int[] keys;
        private final Node<V>[] children;
        private final int mask;

        @SuppressWarnings("unchecked")
        Node(Match<V> match, int childCount) {
            this.match = match;
            if (childCount == 0) {
                keys = null;
                children = null;
                mask = 0;
                return;
            }
            // at most half full, so a probe ends after a slot or two
            int capacity = Integer.highestOneBit(childCount * 2 - 1) << 1;
            keys = new int[capacity];
            Arrays.fill(keys, EMPTY);
            children = new Node[capacity];
            mask = capacity - 1;
        }

        void put(int id, Node<V> child) {
            int slot = slot(id);
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = id;
            children[slot] = child;
        }

        Node<V> next(int id) {
            if (keys == null || id < 0) {
                return null;
            }
            for (int slot = slot(id); ; slot = (slot + 1) & mask) {
                int key = keys[slot];
                if (key == id) {
                    return children[slot];
                }
                if (key == EMPTY) {
                    return null;
                }
            }
        }

        /** Ids are consecutive ints: a Fibonacci multiply spreads them over the table. */
        private int slot(int id) {
            return (id * 0x9E3779B9 >>> 7) & mask;
        }
    }
}
