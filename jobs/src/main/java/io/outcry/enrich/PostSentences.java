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
 * tokenised from something else, or a hashtag was split into words, or an emoticon such as
 * ":D" took a letter), the whole post is one sentence, asking if it has a '?'.
 */
final class PostSentences {

    private final String raw;
    private final TokenizedText text;
    /** Read from the text on first use: a post without cues or '?' needs none of it. */
    private Layout layout;

    private PostSentences(String raw, TokenizedText text) {
        this.raw = raw;
        this.text = text;
    }

    /**
     * The sentences of {@code post}'s text, in the token positions of {@code text}. Nothing is
     * read until a question is asked of them; then the chars {@code text} was tokenised from
     * are read again, when it was tokenised from the post's text.
     */
    static PostSentences of(String postText, TokenizedText text) {
        return new PostSentences(postText == null ? "" : postText, text);
    }

    private Layout layout() {
        if (layout == null) {
            char[] chars = raw.equals(text.raw()) ? text.chars() : raw.toCharArray();
            layout = layout(raw, chars, text.size());
        }
        return layout;
    }

    /** Per token its sentence and whether it is skipped; per sentence whether it asks; the sentences' first tokens. */
    private record Layout(int[] sentenceOf, boolean[] skipped, boolean[] question, int[] starts) {}

    /**
     * One pass over the chars. A chunk is a run of non-whitespace chars: a mention, hashtag or
     * URL chunk is a name; a chunk's tokens are counted as the tokeniser splits runs of letters
     * and digits; at its end the chunk may end its sentence and make it a question.
     */
    private static Layout layout(String raw, char[] chars, int tokenCount) {
        int[] sentenceOf = new int[tokenCount];
        boolean[] skipped = new boolean[tokenCount];
        boolean[] question = new boolean[tokenCount + 1];
        int[] starts = new int[tokenCount + 1];
        int startCount = 0;
        int sentence = 0;
        int token = 0;
        boolean atStart = true;
        boolean sentenceHasWords = false;
        // the chunk being read: inChunk false between chunks
        boolean inChunk = false;
        boolean name = false;
        int chunkFirstToken = 0;
        boolean endsSentence = false;
        boolean asks = false;
        boolean inToken = false;
        int length = raw.length();
        for (int i = 0; i <= length; ) {
            char c = i < length ? chars[i] : ' ';
            if (inChunk && isAsciiLetterOrDigit(c)) {
                // most chars of a post are ASCII words: count the token, then pass its letters in a tight loop
                if (!inToken) {
                    if (token == tokenCount) {
                        return whole(raw, tokenCount);
                    }
                    sentenceOf[token] = sentence;
                    skipped[token] = name;
                    token++;
                    inToken = true;
                }
                i++;
                while (i < length && isAsciiLetterOrDigit(chars[i])) {
                    i++;
                }
                continue;
            }
            if (isWhitespace(c)) {
                if (inChunk) {
                    inChunk = false;
                    if (!name && token > chunkFirstToken) {
                        sentenceHasWords = true;
                        if (atStart) {
                            starts[startCount++] = chunkFirstToken;
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
                i++;
                continue;
            }
            if (!inChunk) {
                inChunk = true;
                name = c == '@' || c == '#' || isUrl(chars, i);
                chunkFirstToken = token;
                endsSentence = false;
                asks = false;
            }
            int width = 1;
            boolean letterOrDigit;
            if (c < 0x80) {
                // ASCII, most of any post, without the Unicode tables
                letterOrDigit = isAsciiLetterOrDigit(c);
                if (c == '?' || c == '!' || c == '.') {
                    // "3.5" and "e.g" end nothing; "quando torna?" asks, "ma scherziamo?!" does not
                    endsSentence |= i + 1 == length || !Character.isLetterOrDigit(chars[i + 1]);
                    asks |= c == '?' && !(i > 0 && chars[i - 1] == '!') && !(i + 1 < length && chars[i + 1] == '!');
                }
            } else {
                int codePoint = Character.codePointAt(chars, i, length);
                width = Character.charCount(codePoint);
                letterOrDigit = Character.isLetterOrDigit(codePoint);
                if (!letterOrDigit && Character.getType(codePoint) == Character.NON_SPACING_MARK) {
                    // a combining accent stays in its token
                    i += width;
                    continue;
                }
            }
            if (letterOrDigit && !inToken) {
                if (token == tokenCount) {
                    return whole(raw, tokenCount);
                }
                sentenceOf[token] = sentence;
                skipped[token] = name;
                token++;
            }
            inToken = letterOrDigit;
            i += width;
        }
        if (token != tokenCount) {
            return whole(raw, tokenCount);
        }
        return new Layout(sentenceOf, skipped, question, Arrays.copyOf(starts, startCount));
    }

    private static Layout whole(String raw, int tokenCount) {
        boolean[] question = new boolean[1];
        question[0] = raw.indexOf('?') >= 0;
        return new Layout(new int[tokenCount], new boolean[tokenCount], question,
                tokenCount == 0 ? new int[0] : new int[] {0});
    }

    boolean skipped(int token) {
        return layout().skipped[token];
    }

    boolean isQuestion(int token) {
        Layout sentences = layout();
        return sentences.question[sentences.sentenceOf[token]];
    }

    boolean sameSentence(int a, int b) {
        int[] sentenceOf = layout().sentenceOf;
        return sentenceOf[a] == sentenceOf[b];
    }

    boolean anyQuestion() {
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
    boolean startsASentence(int token) {
        for (int start : layout().starts) {
            if (start == token) {
                return true;
            }
        }
        return false;
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
        char first = text[from];
        if (first != 'h' && first != 'H' && first != 'w' && first != 'W') {
            // most chunks: no need to try the three prefixes
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
