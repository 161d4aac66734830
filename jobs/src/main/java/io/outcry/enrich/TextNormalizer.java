package io.outcry.enrich;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one normalisation every matcher shares, so that a catalog phrase and a post's text
 * meet in the same form: lower case, accents stripped, split into runs of letters and
 * digits. "Perché TIM non-funziona?!" becomes {@code [perche, tim, non, funziona]}.
 *
 * <p>It runs once per post on the hot path, so it is a single pass over the characters with
 * a lookup table for the accented Latin letters instead of a {@link Normalizer} call.
 */
public final class TextNormalizer {

    /** Letters Unicode does not decompose into a base letter and an accent. */
    private static final Map<Integer, String> UNDECOMPOSABLE = Map.of(
            (int) 'ł', "l", (int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o",
            (int) 'đ', "d", (int) 'ı', "i", (int) 'þ', "th", (int) 'ð', "d");

    /** Folded form of U+0000..U+024F (Latin-1 Supplement and Latin Extended-A/B). */
    private static final char[] LATIN_FOLD = latinFoldTable();

    private TextNormalizer() {}

    /** Splits {@code text} into folded tokens; an empty or null text has none. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        StringBuilder token = new StringBuilder(16);
        int length = text.length();
        for (int i = 0; i < length; ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint)) {
                appendFolded(token, codePoint);
            } else if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
                // a combining accent written apart from its letter: drop it, stay in the word
                continue;
            } else if (!token.isEmpty()) {
                tokens.add(token.toString());
                token.setLength(0);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The tokens of {@code text} joined by single spaces: the canonical key of a phrase. */
    public static String fold(String text) {
        return String.join(" ", tokens(text));
    }

    private static void appendFolded(StringBuilder out, int codePoint) {
        if (codePoint < LATIN_FOLD.length) {
            char folded = LATIN_FOLD[codePoint];
            if (folded == 0) {
                // a letter that folds to more than one character, such as ß or æ
                out.append(foldSlowly(codePoint));
            } else {
                out.append(folded);
            }
        } else {
            out.append(foldSlowly(codePoint));
        }
    }

    private static String foldSlowly(int codePoint) {
        String letter = UNDECOMPOSABLE.get(Character.toLowerCase(codePoint));
        if (letter != null) {
            return letter;
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .map(Character::toLowerCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static char[] latinFoldTable() {
        char[] table = new char[0x250];
        for (int c = 0; c < table.length; c++) {
            String folded = foldSlowly(c);
            table[c] = folded.length() == 1 ? folded.charAt(0) : 0;
        }
        return table;
    }
}
