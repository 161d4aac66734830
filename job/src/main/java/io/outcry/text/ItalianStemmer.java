package io.outcry.text;

/**
 * Jacques Savoy's light Italian stemmer, as Lucene's {@code ItalianLightStemmer} implements it:
 * it strips the inflectional ending of a word of six letters or more (gender, number, the
 * "-ie", "-hi", "-io" plurals), so that "arrabbiato", "arrabbiata" and "arrabbiati" meet as
 * "arrabbiat". Derivational endings ("-mente", "-zione") stay: a light stemmer rarely merges
 * words of different meanings. Input is a folded token (lower case, accents stripped).
 */
public final class ItalianStemmer {

    private static final int SHORTEST = 6;

    private ItalianStemmer() {}

    /** The stem of {@code word}, or the word itself when it is short or has no ending to strip. */
    public static String stem(String word) {
        int length = stemLength(word);
        return length == word.length() ? word : word.substring(0, length);
    }

    /** How many of {@code word}'s leading chars its stem keeps. */
    public static int stemLength(CharSequence word) {
        int length = word.length();
        if (length < SHORTEST) {
            return length;
        }
        char last = word.charAt(length - 1);
        char before = word.charAt(length - 2);
        return switch (last) {
            case 'e' -> before == 'i' || before == 'h' ? length - 2 : length - 1;
            case 'i' -> before == 'h' || before == 'i' ? length - 2 : length - 1;
            case 'a', 'o' -> before == 'i' ? length - 2 : length - 1;
            default -> length;
        };
    }
}
