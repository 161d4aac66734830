package io.outcry.text;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A post's text, read once by {@link TextNormalizer} and then by every part of the
 * enrichment: the folded tokens the matchers compare (lower case, accents stripped, letter
 * runs of three or more cut to two, hashtags split into words) and, gathered in the same
 * pass, what the sentiment rules weigh: which tokens were written in capitals, came from a
 * hashtag, a handle or a link, were elongated, or open a clause; the emoji and emoticons; and
 * how many '!' and '?' the text has; and where its sentences start and which ones ask. Nothing
 * downstream scans the raw text again.
 */
public final class TokenizedText {

    /** The token was written in capitals in the original ("WORST"), two letters or more. */
    public static final byte ALL_CAPS = 1;
    /** The token came from a hashtag, possibly split ("#NeverAgain" gives never, again). */
    public static final byte HASHTAG = 1 << 1;
    /** The token came from an @handle. */
    public static final byte MENTION = 1 << 2;
    /** The token is part of a link. */
    public static final byte URL = 1 << 3;
    /** A letter ran three times or more in the original ("sooooo", folded to "soo"). */
    public static final byte ELONGATED = 1 << 4;
    /** Clause punctuation (. , ; : ! ? brackets, line break) stands between this token and the last. */
    public static final byte CLAUSE_START = 1 << 5;

    private static final TokenizedText EMPTY = new TokenizedText("", new String[0], new byte[0], new String[0], 0, 0,
            new int[0], 0, new PostSentences.Reader(new char[0], 0).finish("", 0));

    private final String raw;
    private final String[] tokens;
    private final byte[] flags;
    private final String[] emoji;
    private final int exclamations;
    private final int questions;
    private final List<String> tokenList;
    /** {@link Vocabulary} ids of {@link #tokens}, taken at {@link #idsGeneration}. */
    private final int[] ids;
    private final int idsGeneration;
    private final PostSentences.Layout sentences;

    /**
     * @param ids the {@link Vocabulary} ids of {@code tokens}, taken at {@code idsGeneration}
     * @param sentences the sentences of {@code raw}, in the positions of {@code tokens}
     */
    TokenizedText(String raw, String[] tokens, byte[] flags, String[] emoji, int exclamations, int questions,
            int[] ids, int idsGeneration, PostSentences.Layout sentences) {
        this.raw = raw;
        this.tokens = tokens;
        this.flags = flags;
        this.emoji = emoji;
        this.exclamations = exclamations;
        this.questions = questions;
        this.tokenList = Collections.unmodifiableList(Arrays.asList(tokens));
        this.ids = ids;
        this.idsGeneration = idsGeneration;
        this.sentences = sentences;
    }

    public static TokenizedText of(String text) {
        return text == null || text.isEmpty() ? EMPTY : TextNormalizer.tokenize(text);
    }

    /** The text as the post wrote it. */
    public String raw() {
        return raw;
    }

    /** Where the sentences of {@link #raw()} start and which ones ask, read in the tokeniser's pass. */
    PostSentences.Layout sentences() {
        return sentences;
    }

    /** Folded tokens in text order. */
    public List<String> tokens() {
        return tokenList;
    }

    public int size() {
        return tokens.length;
    }

    public String token(int index) {
        return tokens[index];
    }

    /**
     * The {@link Vocabulary} id of each token, {@link Vocabulary#UNKNOWN} for a word no
     * matcher knows: what the matchers compare instead of strings. Taken once, when the text
     * is tokenised; taken afresh only if a catalog loaded since then added words.
     */
    public int[] ids() {
        return idsGeneration == Vocabulary.generation() ? ids : Vocabulary.ids(tokens);
    }

    /** The bit set of {@link #ALL_CAPS}, {@link #HASHTAG}, ... for the token at {@code index}. */
    public byte flags(int index) {
        return flags[index];
    }

    public boolean is(int index, byte flag) {
        return (flags[index] & flag) != 0;
    }

    /** Emoji (one string per pictograph, modifiers dropped) and emoticons such as ":(" in text order. */
    public List<String> emoji() {
        return Collections.unmodifiableList(Arrays.asList(emoji));
    }

    /** How many '!' the text has. */
    public int exclamations() {
        return exclamations;
    }

    /** How many '?' the text has. */
    public int questions() {
        return questions;
    }

    @Override
    public String toString() {
        return tokenList.toString();
    }
}
