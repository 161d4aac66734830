package io.outcry.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds catalog phrases (one or more words) in tokenised text with one hash lookup per token
 * and per extra word, however many phrases there are: a trie keyed by folded tokens. Phrases
 * match whole tokens only, so "timido" never matches "tim".
 *
 * @param <V> what a phrase stands for, e.g. a brand id or a word valence
 */
final class PhraseIndex<V> {

    private final Node<V> root;

    private PhraseIndex(Node<V> root) {
        this.root = root;
    }

    static <V> Builder<V> builder() {
        return new Builder<>();
    }

    /**
     * The longest phrase starting at token {@code start}, or null when none does.
     */
    Match<V> longestAt(List<String> tokens, int start) {
        Node<V> node = root;
        Match<V> longest = null;
        for (int i = start; i < tokens.size(); i++) {
            node = node.next(tokens.get(i));
            if (node == null) {
                break;
            }
            if (node.value != null) {
                longest = new Match<>(node.value, i - start + 1);
            }
        }
        return longest;
    }

    /** Calls {@code consumer} with (value, start token) for the longest phrase at each position. */
    void forEachMatch(List<String> tokens, BiConsumer<V, Integer> consumer) {
        for (int i = 0; i < tokens.size(); i++) {
            Match<V> match = longestAt(tokens, i);
            if (match != null) {
                consumer.accept(match.value(), i);
            }
        }
    }

    /** The value of a phrase given as already folded tokens, or null. */
    V get(List<String> phraseTokens) {
        Node<V> node = root;
        for (String token : phraseTokens) {
            node = node.next(token);
            if (node == null) {
                return null;
            }
        }
        return node.value;
    }

    boolean isEmpty() {
        return root.children == null;
    }

    /** @param length how many tokens the phrase spans */
    record Match<V>(V value, int length) {}

    static final class Builder<V> {

        private final Node<V> root = new Node<>();

        /**
         * Adds {@code phrase} (any text, normalised here) for {@code value}.
         *
         * @return the value already registered for the same normalised phrase, or null; the
         *     first registration wins, so callers decide whether a clash is an error
         * @throws IllegalArgumentException when the phrase has no letters or digits at all
         */
        V add(String phrase, V value) {
            List<String> tokens = TextNormalizer.tokens(phrase);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("phrase '" + phrase + "' has no letters or digits");
            }
            return addTokens(tokens, value);
        }

        /** Like {@link #add} for a phrase already split into folded tokens, at least one. */
        V addTokens(List<String> tokens, V value) {
            Node<V> node = root;
            for (String token : tokens) {
                node = node.child(token);
            }
            if (node.value != null) {
                return node.value;
            }
            node.value = value;
            return null;
        }

        PhraseIndex<V> build() {
            return new PhraseIndex<>(root);
        }
    }

    private static final class Node<V> {

        private Map<String, Node<V>> children;
        private V value;

        Node<V> next(String token) {
            return children == null ? null : children.get(token);
        }

        Node<V> child(String token) {
            if (children == null) {
                children = new HashMap<>();
            }
            return children.computeIfAbsent(token, t -> new Node<>());
        }
    }
}
