package io.outcry.enrich;

import io.outcry.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ways people predictably misspell a brand name, derived from the catalog spelling so
 * that nobody has to list them by hand. Each is cheap to justify:
 * <ul>
 *   <li>spaces dropped or added: "Wind Tre" is also written "windtre", "WindTre" and
 *       "#SouthwestAir" are also written "Wind Tre" and "Southwest Air" (and a hashtag
 *       splitter may cut them so);</li>
 *   <li>a double letter written single and a single consonant doubled ("Vodaffone",
 *       "Ryannair", "Illiad"), the commonest slips in Italian writing, only for single words of
 *       five letters or more and never on the first letter, so that short names do not turn
 *       into everyday words.</li>
 * </ul>
 * Variants never override a phrase the catalog spells out, and a variant two brands would
 * share is dropped; both rules are the recogniser's.
 */
final class SpellingVariants {

    private static final int MIN_LETTERS_FOR_TYPOS = 5;
    private static final String VOWELS = "aeiouy";

    private SpellingVariants() {}

    /**
     * Variants of {@code spelling} (as the catalog writes it) as folded token lists, without
     * the spelling itself; letter slips only when {@code typos}, for names people type rather
     * than handles and hashtags they pick from a list.
     */
    static Set<List<String>> of(String spelling, boolean typos) {
        List<String> tokens = TextNormalizer.tokens(spelling);
        Set<List<String>> variants = new LinkedHashSet<>();
        if (tokens.size() > 1) {
            variants.add(List.of(String.join("", tokens)));
        }
        List<String> humps = camelHumps(spelling);
        if (humps.size() > 1) {
            variants.add(humps);
        }
        if (typos && tokens.size() == 1) {
            addTypos(tokens.get(0), variants);
        }
        variants.remove(tokens);
        return variants;
    }

    /** "SouthwestAir" gives [southwest, air], "USAirways" [us, airways], "Wind3" [wind, 3]. */
    private static List<String> camelHumps(String spelling) {
        List<String> parts = new ArrayList<>();
        for (String word : TextNormalizer.tokens(spelling.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})"
                + "|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " "))) {
            parts.add(word);
        }
        return parts;
    }

    private static void addTypos(String word, Set<List<String>> variants) {
        if (word.length() < MIN_LETTERS_FOR_TYPOS || !word.chars().allMatch(Character::isLetter)) {
            return;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean doubled = i + 1 < word.length() && word.charAt(i + 1) == c;
            if (doubled) {
                variants.add(List.of(word.substring(0, i) + word.substring(i + 1)));
            } else if (i > 0 && VOWELS.indexOf(c) < 0 && word.charAt(i - 1) != c) {
                variants.add(List.of(word.substring(0, i + 1) + c + word.substring(i + 1)));
            }
        }
    }
}
