package io.outcry.text;

import java.util.Arrays;

/**
 * Where a post's sentences start and which ones ask, in the token positions of
 * {@link TextNormalizer#tokens(String)}: the tokens that intent rules read carry no
 * punctuation, so this is where '?', '.', '!' and line breaks are seen. Mentions, hashtags and
 * URLs are marked skipped: their words are names, not speech, and a '?' inside a URL asks
 * nothing. "?!" and "!?" are rhetorical, not questions.
 *
 * <p>A {@link Reader} takes the text's chars one by one; {@link TextNormalizer} feeds it in
 * its own pass, so that the text is not read a second time. The reader keeps its own rules
 * (its whitespace, a chunk's kind decided by its first char, its own token count) rather than
 * the tokeniser's, and when the text does not split into as many tokens as the tokenised text
 * has (it was tokenised from something else, or a hashtag was split into words, or an
 * emoticon such as ":D" took a letter), the whole post is one sentence, asking if it has a '?'.
 */
public final class PostSentences {

    private final String raw;
    private final TokenizedText text;
    /** Taken on first use: a post without cues or '?' needs none of it. */
    private Layout layout;

    private PostSentences(String raw, TokenizedText text) {
        this.raw = raw;
        this.text = text;
    }

    /**
     * The sentences of {@code post}'s text, in the token positions of {@code text}: the ones
     * read while {@code text} was tokenised, when it was tokenised from the post's text.
     */
    public static PostSentences of(String postText, TokenizedText text) {
        return new PostSentences(postText == null ? "" : postText, text);
    }

    private Layout layout() {
        if (layout == null) {
            layout = raw.equals(text.raw()) ? text.sentences() : read(raw, text.size());
        }
        return layout;
    }

    /** The layout of {@code raw} in the positions of a tokenised text of {@code tokenCount} tokens. */
    private static Layout read(String raw, int tokenCount) {
        char[] chars = raw.toCharArray();
        Reader reader = new Reader(chars, tokenCount);
        for (int i = 0; i < chars.length; ) {
            char c = chars[i];
            if (c < 0x80) {
                reader.ascii(i);
                i++;
            } else {
                int codePoint = Character.codePointAt(chars, i);
                reader.codePoint(codePoint, i);
                i += Character.charCount(codePoint);
            }
        }
        return reader.finish(raw, tokenCount);
    }

    /**
     * Per token its sentence (shifted by two) and the bits {@link #SKIPPED} and
     * {@link #STARTS}; per sentence whether it asks.
     */
    record Layout(int[] tokens, boolean[] question) {}

    /** The token is part of a mention, hashtag or URL. */
    private static final int SKIPPED = 1;
    /** The token is the first of a sentence, mentions and hashtags at its head passed over. */
    private static final int STARTS = 1 << 1;
    private static final int SENTENCE_SHIFT = 2;

    /**
     * Reads a text's chars in order, each exactly once: {@link #ascii} for an ASCII char,
     * {@link #codePoint} for any other code point, then {@link #finish}. A chunk is a run of
     * non-whitespace chars: a mention, hashtag or URL chunk is a name; a chunk's tokens are
     * counted as the tokeniser splits runs of letters and digits; at its end the chunk may end
     * its sentence and make it a question. Inside a run of ASCII letters and digits only the
     * first needs reading: the others change nothing.
     */
    static final class Reader {

        private final char[] chars;
        private int[] tokens;
        private boolean[] question;
        private int sentence;
        private int token;
        private boolean atStart = true;
        private boolean sentenceHasWords;
        // the chunk being read: inChunk false between chunks
        private boolean inChunk;
        private boolean name;
        private int chunkFirstToken;
        private boolean endsSentence;
        private boolean asks;
        private boolean inToken;

        /** @param expectedTokens how many tokens the text likely has, room to start with */
        Reader(char[] chars, int expectedTokens) {
            this.chars = chars;
            this.tokens = new int[expectedTokens];
            this.question = new boolean[expectedTokens + 1];
        }

        void ascii(int i) {
            char c = chars[i];
            if (isAsciiLetterOrDigit(c)) {
                asciiLetterOrDigit(i);
                return;
            }
            if (isWhitespace(c)) {
                whitespace(c);
                return;
            }
            startChunkIfNeeded(c, i);
            if (c == '?' || c == '!' || c == '.') {
                int length = chars.length;
                // "3.5" and "e.g" end nothing; "quando torna?" asks, "ma scherziamo?!" does not
                endsSentence |= i + 1 == length || !Character.isLetterOrDigit(chars[i + 1]);
                asks |= c == '?' && !(i > 0 && chars[i - 1] == '!') && !(i + 1 < length && chars[i + 1] == '!');
            }
            inToken = false;
        }

        /**
         * Reads the ASCII letter or digit at {@code i}. The tokeniser calls it, and
         * {@link #whitespace}, directly: small enough to be inlined, unlike {@link #ascii}.
         */
        void asciiLetterOrDigit(int i) {
            startChunkIfNeeded(chars[i], i);
            if (!inToken) {
                addToken();
                inToken = true;
            }
        }

        /** Reads the code point at {@code i}, which is not ASCII. */
        void codePoint(int codePoint, int i) {
            char c = chars[i];
            if (Character.isWhitespace(c)) {
                whitespace(c);
                return;
            }
            startChunkIfNeeded(c, i);
            boolean letterOrDigit = Character.isLetterOrDigit(codePoint);
            if (!letterOrDigit && Character.getType(codePoint) == Character.NON_SPACING_MARK) {
                // a combining accent stays in its token
                return;
            }
            if (letterOrDigit && !inToken) {
                addToken();
            }
            inToken = letterOrDigit;
        }

        /** The layout in the positions of a tokenised text of {@code tokenCount} tokens, {@code raw} being the text read. */
        Layout finish(String raw, int tokenCount) {
            // the text's end closes its last chunk as a space would
            whitespace(' ');
            if (token != tokenCount) {
                int[] whole = new int[tokenCount];
                if (tokenCount > 0) {
                    whole[0] = STARTS;
                }
                return new Layout(whole, new boolean[] {raw.indexOf('?') >= 0});
            }
            return new Layout(tokens, question);
        }

        private void startChunkIfNeeded(char c, int i) {
            if (!inChunk) {
                inChunk = true;
                name = c == '@' || c == '#' || isUrl(chars, i);
                chunkFirstToken = token;
                endsSentence = false;
                asks = false;
            }
        }

        private void addToken() {
            if (token == tokens.length) {
                // a sentence never outnumbers the tokens before it, so question grows along
                tokens = Arrays.copyOf(tokens, token * 2 + 8);
                question = Arrays.copyOf(question, tokens.length + 1);
            }
            tokens[token] = sentence << SENTENCE_SHIFT | (name ? SKIPPED : 0);
            token++;
        }

        /** Reads a whitespace char. */
        void whitespace(char c) {
            if (inChunk) {
                inChunk = false;
                if (!name && token > chunkFirstToken) {
                    sentenceHasWords = true;
                    if (atStart) {
                        tokens[chunkFirstToken] |= STARTS;
                        atStart = false;
                    }
                }
                if (!name && endsSentence) {
                    if (asks) {
                        question[sentence] = true;
                    }
                    if (sentenceHasWords) {
                        sentence++;
                        atStart = true;
                        sentenceHasWords = false;
                    }
                }
            }
            if ((c == '\n' || c == '\r') && sentenceHasWords) {
                sentence++;
                atStart = true;
                sentenceHasWords = false;
            }
            // whitespace is neither a letter nor a mark: it ends any token
            inToken = false;
        }
    }

    public boolean skipped(int token) {
        return (layout().tokens[token] & SKIPPED) != 0;
    }

    public boolean isQuestion(int token) {
        Layout sentences = layout();
        return sentences.question[sentences.tokens[token] >>> SENTENCE_SHIFT];
    }

    public boolean sameSentence(int a, int b) {
        int[] tokens = layout().tokens;
        return tokens[a] >>> SENTENCE_SHIFT == tokens[b] >>> SENTENCE_SHIFT;
    }

    public boolean anyQuestion() {
        if (raw.indexOf('?') < 0) {
            // only a '?' makes a sentence ask: most posts are answered without reading them
            return false;
        }
        for (boolean asks : layout().question) {
            if (asks) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code token} is the first of a sentence, mentions and hashtags at its head passed over. */
    public boolean startsASentence(int token) {
        return (layout().tokens[token] & STARTS) != 0;
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

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isUrl(char[] text, int from) {
        // most chunks, "have" and "what" among them, start with neither "ht" nor "ww" in any case: no prefix to try
        int first = text[from] | 0x20;
        int second = from + 1 < text.length ? text[from + 1] | 0x20 : 0;
        if (!(first == 'h' && second == 't' || first == 'w' && second == 'w')) {
            return false;
        }
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
}
