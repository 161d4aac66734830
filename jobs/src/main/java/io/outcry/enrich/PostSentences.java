package io.outcry.enrich;

import java.util.Arrays;

/**
 * Where a post's sentences start and which ones ask, in the token positions of
 * {@link TextNormalizer#tokens(String)}, found in one pass over the raw text: the tokens that
 * intent rules read carry no punctuation, so this is where '?', '.', '!' and line breaks are
 * seen. Mentions, hashtags and URLs are marked skipped: their words are names, not speech,
 * and a '?' inside a URL asks nothing. "?!" and "!?" are rhetorical, not questions.
 *
 * <p>When the text does not split into as many tokens as the tokenised text has (it was
 * tokenised from something else), the whole post is one sentence, asking if it has a '?'.
 */
final class PostSentences {

    private final int[] sentenceOf;
    private final boolean[] skipped;
    private final boolean[] question;
    private final int[] starts;

    private PostSentences(int[] sentenceOf, boolean[] skipped, boolean[] question, int[] starts) {
        this.sentenceOf = sentenceOf;
        this.skipped = skipped;
        this.question = question;
        this.starts = starts;
    }

    static PostSentences of(String text, int tokenCount) {
        String raw = text == null ? "" : text;
        // an array reads faster than String.charAt, which checks the coding of every char
        char[] chars = raw.toCharArray();
        int[] sentenceOf = new int[tokenCount];
        boolean[] skipped = new boolean[tokenCount];
        boolean[] question = new boolean[tokenCount + 1];
        int[] starts = new int[tokenCount + 1];
        int startCount = 0;
        int sentence = 0;
        int token = 0;
        boolean atStart = true;
        boolean sentenceHasWords = false;
        int length = raw.length();
        int i = 0;
        while (i < length) {
            char c = chars[i];
            if (isWhitespace(c)) {
                if ((c == '\n' || c == '\r') && sentenceHasWords) {
                    sentence++;
                    atStart = true;
                    sentenceHasWords = false;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < length && !isWhitespace(chars[end])) {
                end++;
            }
            boolean name = c == '@' || c == '#' || isUrl(chars, i);
            int first = token;
            token += countTokens(chars, i, end);
            if (token > tokenCount) {
                return whole(raw, tokenCount);
            }
            for (int t = first; t < token; t++) {
                sentenceOf[t] = sentence;
                skipped[t] = name;
            }
            if (!name && token > first) {
                sentenceHasWords = true;
                if (atStart) {
                    starts[startCount++] = first;
                    atStart = false;
                }
            }
            if (!name && endsSentence(chars, i, end)) {
                if (asks(chars, i, end)) {
                    question[sentence] = true;
                }
                if (sentenceHasWords) {
                    sentence++;
                    atStart = true;
                    sentenceHasWords = false;
                }
            }
            i = end;
        }
        if (token != tokenCount) {
            return whole(raw, tokenCount);
        }
        return new PostSentences(sentenceOf, skipped, question, Arrays.copyOf(starts, startCount));
    }

    private static PostSentences whole(String raw, int tokenCount) {
        boolean[] question = new boolean[1];
        question[0] = raw.indexOf('?') >= 0;
        return new PostSentences(new int[tokenCount], new boolean[tokenCount], question,
                tokenCount == 0 ? new int[0] : new int[] {0});
    }

    boolean skipped(int token) {
        return skipped[token];
    }

    boolean isQuestion(int token) {
        return question[sentenceOf[token]];
    }

    boolean sameSentence(int a, int b) {
        return sentenceOf[a] == sentenceOf[b];
    }

    boolean anyQuestion() {
        for (boolean asks : question) {
            if (asks) {
                return true;
            }
        }
        return false;
    }

    /** The first token of each sentence, mentions and hashtags at its head passed over. */
    int[] starts() {
        return starts;
    }

    /**
     * {@link Character#isWhitespace(char)} with ASCII answered without the Unicode tables:
     * this runs for every char of every post.
     */
    private static boolean isWhitespace(char c) {
        if (c < 0x80) {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
        }
        return Character.isWhitespace(c);
    }

    /** Counts tokens exactly as {@link TextNormalizer#tokens(String)} splits them. */
    private static int countTokens(char[] text, int from, int to) {
        int count = 0;
        boolean inToken = false;
        for (int i = from; i < to; ) {
            char c = text[i];
            // ASCII, most of any post, without the Unicode tables
            if (c < 0x80) {
                boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
                if (letterOrDigit && !inToken) {
                    count++;
                }
                inToken = letterOrDigit;
                i++;
                continue;
            }
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint)) {
                if (!inToken) {
                    count++;
                    inToken = true;
                }
            } else if (Character.getType(codePoint) != Character.NON_SPACING_MARK) {
                inToken = false;
            }
        }
        return count;
    }

    private static boolean isUrl(char[] text, int from) {
        return startsWithIgnoreCase(text, from, "http://") || startsWithIgnoreCase(text, from, "https://")
                || startsWithIgnoreCase(text, from, "www.");
    }

    /** Whether {@code text} has the ASCII lower-case {@code prefix} at {@code from}, in any case. */
    private static boolean startsWithIgnoreCase(char[] text, int from, String prefix) {
        if (from + prefix.length() > text.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            char c = text[from + k];
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A '?', '!' or '.' not followed by a letter or digit: "3.5" and "e.g" end nothing. */
    private static boolean endsSentence(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text[i];
            if ((c == '?' || c == '!' || c == '.') && (i + 1 == to || !Character.isLetterOrDigit(text[i + 1]))) {
                return true;
            }
        }
        return false;
    }

    /** A '?' not next to a '!': "quando torna?" asks, "ma scherziamo?!" does not. */
    private static boolean asks(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '?'
                    && !(i > from && text[i - 1] == '!')
                    && !(i + 1 < to && text[i + 1] == '!')) {
                return true;
            }
        }
        return false;
    }
}
