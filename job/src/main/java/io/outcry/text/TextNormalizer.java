package io.outcry.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one normalisation every matcher shares, so that a catalog phrase and a post's text
 * meet in the same form: lower case, accents stripped, split into runs of letters and
 * digits, a letter repeated three times or more cut to two ("noooo" to "noo"), hashtags split
 * into words ("#NeverAgain" to never, again; "#pessimoservizio" to pessimo, servizio by
 * {@link HashtagSplitter}). "Perché TIM non-funziona?!" becomes {@code [perche, tim, non, funziona]}.
 *
 * <p>It runs once per post on the hot path, so it is a single pass over the characters with
 * lookup tables for ASCII and the accented Latin letters instead of a {@link Normalizer} call,
 * and it gathers in that pass everything {@link TokenizedText} offers the sentiment rules.
 */
public final class TextNormalizer {

    /** Letters Unicode does not decompose into a base letter and an accent. */
    private static final Map<Integer, String> UNDECOMPOSABLE = Map.of(
            (int) 'ł', "l", (int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o",
            (int) 'đ', "d", (int) 'ı', "i", (int) 'þ', "th", (int) 'ð', "d");

    /** Folded form of U+0000..U+024F (Latin-1 Supplement and Latin Extended-A/B), 0 if not one char. */
    private static final char[] LATIN_FOLD = latinFoldTable();

    /** Emoticons read as emoji; matched only where a link is not being read. */
    private static final String[] EMOTICONS = {
        ":-)", ":)", ":-(", ":(", ":-D", ":D", ";-)", ";)", ":-P", ":P", ":p", ":'(", ":-/", ":/",
        ":-|", ":|", ":@", "<3", "</3", "=)", "=("
    };

    private static final int CASE_OTHER = 0;
    private static final int CASE_LOWER = 1;
    private static final int CASE_UPPER = 2;

    private TextNormalizer() {}

    /** The folded tokens of {@code text}, as {@link TokenizedText#tokens()} has them; none for null. */
    public static List<String> tokens(String text) {
        return TokenizedText.of(text).tokens();
    }

    /** The tokens of {@code text} joined by single spaces: the canonical key of a phrase. */
    public static String fold(String text) {
        return String.join(" ", tokens(text));
    }

    static TokenizedText tokenize(String text) {
        return new Scan(text).run();
    }

    /** One pass over a text; one instance per call, so it may keep state in fields. */
    private static final class Scan {

        private final String text;
        /** Read before the first lookup: words registered during the scan make the ids stale. */
        private final int generation = Vocabulary.generation();
        private String[] tokens;
        private int[] ids;
        private byte[] flags;
        private int count;
        private String[] emoji = new String[4];
        private int emojiCount;
        private int exclamations;
        private int questions;

        /** The folded chars of the word being read, {@link #wordLength} of them. */
        private char[] word = new char[24];
        private int wordLength;
        /** Per folded char of {@link #word}: CASE_LOWER, CASE_UPPER or CASE_OTHER. */
        private byte[] cases = new byte[24];
        private int upper;
        private int lower;
        private boolean elongated;
        private byte wordKind;
        /** Kind (HASHTAG, MENTION, URL) that the characters read since the last space carry. */
        private byte chunkKind;
        private boolean clauseBreak;

        /** The text's chars: an array reads faster than String.charAt, which checks the coding of every char. */
        private final char[] chars;
        /** Reads the sentences in this pass; it sees every char, in order. */
        private final PostSentences.Reader sentences;

        Scan(String text) {
            this.text = text;
            this.chars = text.toCharArray();
            // room for the tokens of ordinary prose (a word and a space are five chars or more), so the arrays rarely grow
            int capacity = text.length() / 5 + 8;
            this.tokens = new String[capacity];
            this.ids = new int[capacity];
            this.flags = new byte[capacity];
            this.sentences = new PostSentences.Reader(chars, capacity);
        }

        TokenizedText run() {
            int length = text.length();
            boolean chunkStart = true;
            for (int i = 0; i < length; ) {
                char c = chars[i];
                if (c < 0x80) {
                    if (isAsciiLetterOrDigit(c)) {
                        sentences.asciiLetterOrDigit(i);
                        startWordIfNeeded(chunkStart, i);
                        i = appendAsciiRun(i);
                        chunkStart = false;
                        continue;
                    }
                    endWord();
                    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                        sentences.whitespace(c);
                        chunkStart = true;
                        chunkKind = 0;
                        if (c == '\n') {
                            clauseBreak = true;
                        }
                        i++;
                        continue;
                    }
                    sentences.ascii(i);
                    int end = i + punctuation(c, i, chunkStart);
                    // an emoticon is read as one, but the sentences see each of its chars
                    for (i++; i < end; i++) {
                        sentences.ascii(i);
                    }
                    chunkStart = false;
                    continue;
                }
                int codePoint = Character.codePointAt(chars, i);
                int width = Character.charCount(codePoint);
                sentences.codePoint(codePoint, i);
                if (Character.isLetterOrDigit(codePoint)) {
                    startWordIfNeeded(chunkStart, i);
                    appendFoldedSlowly(codePoint);
                    chunkStart = false;
                } else if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
                    // a combining accent written apart from its letter: drop it, stay in the word
                } else {
                    endWord();
                    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                        chunkStart = true;
                        chunkKind = 0;
                    } else {
                        if (isEmoji(codePoint)) {
                            addEmoji(text.substring(i, i + width));
                        } else if (codePoint == '…' || codePoint == '¿' || codePoint == '¡') {
                            clauseBreak = true;
                        }
                        chunkStart = false;
                    }
                }
                i += width;
            }
            endWord();
            return new TokenizedText(text, Arrays.copyOf(tokens, count), Arrays.copyOf(flags, count),
                    Arrays.copyOf(emoji, emojiCount), exclamations, questions, Arrays.copyOf(ids, count), generation,
                    sentences.finish(text, count));
        }

        /** Reads ASCII punctuation at {@code i}; returns how many chars it consumed. */
        private int punctuation(char c, int i, boolean chunkStart) {
            switch (c) {
                case '!' -> {
                    exclamations++;
                    clauseBreak = true;
                    return 1;
                }
                case '?' -> {
                    questions++;
                    clauseBreak = true;
                    return 1;
                }
                case '#' -> {
                    if (chunkKind != TokenizedText.URL) {
                        chunkKind = TokenizedText.HASHTAG;
                    }
                    return 1;
                }
                case '@' -> {
                    if (chunkKind != TokenizedText.URL) {
                        chunkKind = TokenizedText.MENTION;
                    }
                    return 1;
                }
                case '_' -> {
                    // handles and hashtags go on across an underscore: @tim_official
                    return 1;
                }
                default -> {
                    if (chunkKind != TokenizedText.URL) {
                        int emoticon = c == ':' || c == ';' || c == '<' || c == '=' ? emoticonAt(i) : 0;
                        if (emoticon > 0) {
                            return emoticon;
                        }
                        chunkKind = 0;
                    }
                    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '['
                            || c == ']') {
                        clauseBreak = chunkKind != TokenizedText.URL || clauseBreak;
                    }
                    return 1;
                }
            }
        }

        /** The length of the emoticon at {@code i}, which holds one of the chars emoticons start with; 0 if none. */
        private int emoticonAt(int i) {
            for (String emoticon : EMOTICONS) {
                if (text.startsWith(emoticon, i)) {
                    int end = i + emoticon.length();
                    // ":Disney" or ":pasta" is no emoticon
                    if (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                        continue;
                    }
                    addEmoji(emoticon);
                    clauseBreak = true;
                    return emoticon.length();
                }
            }
            return 0;
        }

        private void startWordIfNeeded(boolean chunkStart, int i) {
            if (wordLength != 0) {
                return;
            }
            if (chunkStart && startsLink(i)) {
                chunkKind = TokenizedText.URL;
            }
            wordKind = chunkKind;
        }

        private boolean startsLink(int i) {
            char c = chars[i];
            // most words start with neither "ht" nor "ww": skip the three comparisons
            boolean mayBeLink = i + 1 < chars.length && (c == 'h' && chars[i + 1] == 't' || c == 'w' && chars[i + 1] == 'w');
            return mayBeLink && (startsWith(i, "http://") || startsWith(i, "https://") || startsWith(i, "www."));
        }

        private boolean startsWith(int i, String prefix) {
            if (i + prefix.length() > chars.length) {
                return false;
            }
            for (int k = 0; k < prefix.length(); k++) {
                if (chars[i + k] != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Appends the ASCII letters and digits from {@code i} on, as {@link #appendFolded} would
         * one by one, and returns the index after them. Most of a post is ASCII words: this loop
         * keeps the word's state in locals, where the char-by-char path reads and writes fields
         * for every char.
         */
        private int appendAsciiRun(int i) {
            char[] text = chars;
            char[] folded = word;
            byte[] letterCases = cases;
            int length = wordLength;
            int up = upper;
            int low = lower;
            boolean stretched = elongated;
            // only a hashtag is split by case ("#NeverAgain"); other words need just the counts
            boolean keepCases = wordKind == TokenizedText.HASHTAG;
            // the last folded char and whether the one before it is the same, kept in registers
            char last = length > 0 ? folded[length - 1] : 0;
            boolean doubled = length > 1 && folded[length - 2] == last;
            for (; i < text.length; i++) {
                char c = text[i];
                byte letterCase;
                if (c >= 'a' && c <= 'z') {
                    letterCase = CASE_LOWER;
                    low++;
                } else if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                    letterCase = CASE_UPPER;
                    up++;
                } else if (c >= '0' && c <= '9') {
                    letterCase = CASE_OTHER;
                } else {
                    break;
                }
                if (c == last && length > 0) {
                    if (doubled && letterCase != CASE_OTHER) {
                        stretched = true;
                        continue;
                    }
                    doubled = true;
                } else {
                    doubled = false;
                }
                last = c;
                if (length == folded.length) {
                    folded = Arrays.copyOf(folded, length * 2);
                    letterCases = Arrays.copyOf(letterCases, length * 2);
                }
                folded[length] = c;
                if (keepCases) {
                    letterCases[length] = letterCase;
                }
                length++;
            }
            word = folded;
            cases = letterCases;
            wordLength = length;
            upper = up;
            lower = low;
            elongated = stretched;
            return i;
        }

        /** Appends an already folded char; {@code letterCase} is the original letter's case. */
        private void appendFolded(char folded, int letterCase) {
            if (letterCase == CASE_UPPER) {
                upper++;
            } else if (letterCase == CASE_LOWER) {
                lower++;
            }
            int length = wordLength;
            if (letterCase != CASE_OTHER && length >= 2 && word[length - 1] == folded
                    && word[length - 2] == folded) {
                elongated = true;
                return;
            }
            if (length == cases.length) {
                cases = Arrays.copyOf(cases, length * 2);
                word = Arrays.copyOf(word, length * 2);
            }
            cases[length] = (byte) letterCase;
            word[length] = folded;
            wordLength = length + 1;
        }

        private void appendFoldedSlowly(int codePoint) {
            int letterCase = Character.isUpperCase(codePoint) ? CASE_UPPER
                    : Character.isLowerCase(codePoint) ? CASE_LOWER : CASE_OTHER;
            if (codePoint < LATIN_FOLD.length && LATIN_FOLD[codePoint] != 0) {
                char folded = LATIN_FOLD[codePoint];
                appendFolded(folded, letterCase);
                return;
            }
            String folded = foldSlowly(codePoint);
            for (int k = 0; k < folded.length(); k++) {
                appendFolded(folded.charAt(k), letterCase);
            }
        }

        private void endWord() {
            if (wordLength == 0) {
                return;
            }
            byte kind = wordKind;
            if (kind == TokenizedText.HASHTAG) {
                splitHashtag();
            } else {
                addWord(kind);
            }
            wordLength = 0;
            upper = 0;
            lower = 0;
            elongated = false;
        }

        private void splitHashtag() {
            int length = wordLength;
            int start = 0;
            for (int k = 1; k < length; k++) {
                boolean camelHump = cases[k] == CASE_UPPER
                        && (cases[k - 1] == CASE_LOWER
                                || cases[k - 1] == CASE_UPPER && k + 1 < length && cases[k + 1] == CASE_LOWER);
                if (camelHump) {
                    addPart(start, k);
                    start = k;
                }
            }
            if (start > 0) {
                addPart(start, length);
                return;
            }
            int[] cuts = HashtagSplitter.bundled().split(word, length);
            if (cuts == null) {
                addWord(TokenizedText.HASHTAG);
                return;
            }
            int from = 0;
            for (int cut : cuts) {
                addPart(from, cut);
                from = cut;
            }
            addPart(from, length);
        }

        /** Adds the current word as a token: its letter counts were kept as it was read. */
        private void addWord(byte kind) {
            append(0, wordLength, kind, upper, lower);
        }

        /** Adds the word in folded chars [from, to) of the current hashtag, a part of it. */
        private void addPart(int from, int to) {
            int up = 0;
            int low = 0;
            for (int k = from; k < to; k++) {
                if (cases[k] == CASE_UPPER) {
                    up++;
                } else if (cases[k] == CASE_LOWER) {
                    low++;
                }
            }
            append(from, to, TokenizedText.HASHTAG, up, low);
        }

        /**
         * Appends the token in folded chars [from, to) of the current word. A word some matcher
         * knows takes the vocabulary's String and id, so it costs no allocation.
         */
        private void append(int from, int to, byte kind, int up, int low) {
            int id = Vocabulary.lookup(word, from, to);
            String token = id == Vocabulary.UNKNOWN ? new String(word, from, to - from) : Vocabulary.word(id);
            byte flag = kind;
            if (up >= 2 && low == 0) {
                flag |= TokenizedText.ALL_CAPS;
            }
            if (elongated) {
                flag |= TokenizedText.ELONGATED;
            }
            if (clauseBreak && count > 0) {
                flag |= TokenizedText.CLAUSE_START;
            }
            clauseBreak = false;
            if (count == tokens.length) {
                tokens = Arrays.copyOf(tokens, count * 2);
                flags = Arrays.copyOf(flags, count * 2);
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count] = id;
            tokens[count] = token;
            flags[count] = flag;
            count++;
        }

        private void addEmoji(String pictograph) {
            if (emojiCount == emoji.length) {
                emoji = Arrays.copyOf(emoji, emojiCount * 2);
            }
            emoji[emojiCount++] = pictograph;
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * Pictographs and symbols that stand alone as emoji; skin tones, variation selectors and
     * joiners are modifiers of the one before and are not counted on their own.
     */
    private static boolean isEmoji(int codePoint) {
        if (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF) {
            return false;
        }
        return codePoint >= 0x1F000 && codePoint <= 0x1FAFF
                || codePoint >= 0x2600 && codePoint <= 0x27BF
                || codePoint >= 0x2190 && codePoint <= 0x21FF
                || codePoint >= 0x2B00 && codePoint <= 0x2BFF
                || codePoint == 0x203C || codePoint == 0x2049 || codePoint == 0x2122 || codePoint == 0x2139
                || codePoint >= 0x2300 && codePoint <= 0x23FF
                || codePoint == 0x00A9 || codePoint == 0x00AE || codePoint == 0x3030 || codePoint == 0x303D;
    }

    static String foldSlowly(int codePoint) {
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
