package io.outcry.enrich;

import java.util.List;

/**
 * A post's text, normalised and split once by {@link TextNormalizer} and then read by every
 * part of the enrichment.
 *
 * @param tokens folded tokens in text order
 */
public record TokenizedText(List<String> tokens) {

    public TokenizedText {
        tokens = List.copyOf(tokens);
    }

    public static TokenizedText of(String text) {
        return new TokenizedText(TextNormalizer.tokens(text));
    }

    public int size() {
        return tokens.size();
    }

    public String token(int index) {
        return tokens.get(index);
    }
}
