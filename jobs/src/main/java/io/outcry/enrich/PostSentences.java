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
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                if ((c == '\n' || c == '\r') && sentenceHasWords) {
                    sentence++;
                    atStart = true;
                    sentenceHasWords = false;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < length && !Character.isWhitespace(raw.charAt(end))) {
                end++;
            }
            boolean name = c == '@' || c == '#' || isUrl(raw, i);
            int first = token;
            token += countTokens(raw, i, end);
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
            if (!name && endsSentence(raw, i, end)) {
                if (asks(raw, i, end)) {
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

    /** Counts tokens exactly as {@link TextNormalizer#tokens(String)} splits them. */
    private static int countTokens(String text, int from, int to) {
        int count = 0;
        boolean inToken = false;
        for (int i = from; i < to; ) {
            int codePoint = text.codePointAt(i);
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

    private static boolean isUrl(String text, int from) {
        return text.regionMatches(true, from, "http://", 0, 7)
                || text.regionMatches(true, from, "https://", 0, 8)
                || text.regionMatches(true, from, "www.", 0, 4);
    }

    /** A '?', '!' or '.' not followed by a letter or digit: "3.5" and "e.g" end nothing. */
    private static boolean endsSentence(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c == '?' || c == '!' || c == '.') && (i + 1 == to || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** A '?' not next to a '!': "quando torna?" asks, "ma scherziamo?!" does not. */
    private static boolean asks(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '?'
                    && !(i > from && text.charAt(i - 1) == '!')
                    && !(i + 1 < to && text.charAt(i + 1) == '!')) {
                return true;
            }
        }
        return false;
    }
}
