package io.outcry.model;

import io.outcry.sentiment.LexiconSentimentScorer;
import io.outcry.text.ItalianStemmer;
import io.outcry.text.TokenizedText;
import java.util.List;
import java.util.Set;

/**
 * Turns a post's folded tokens ({@link io.outcry.text.TokenizedText}) into sparse hashed
 * features, the input of a {@link LinearModel}:
 *
 * <ul>
 *   <li>every word, its letters repeated more than twice folded to two ("sooooo" is "soo"),
 *       marked as negated when one of the {@value #NEGATION_SCOPE} words after a negator
 *       ("not", "didn't", "non", "mai", ...), so that "not good" and "good" differ;
 *   <li>every pair of adjacent words;
 *   <li>the character n-grams of every word between boundary marks, of
 *       {@code minChars..maxChars} characters, which catch inflections ("cancellato",
 *       "cancellazione"), typos and hashtags glued into one token;
 *   <li>the post's language, when known;
 *   <li>optionally, the polarity of the whole post by the bundled
 *       {@link LexiconSentimentScorer}, as a level and as a value: the lexicons know words too
 *       rare in a few thousand training posts to get a weight of their own.
 * </ul>
 *
 * <p>Optionally the same post is also written as a second view, words only (no character
 * n-grams), into a second block of {@code 2^bits} buckets. {@code Trainer} (tools) fits one model
 * per view and averages their scores: the word view, not drowned by a word's dozen
 * character n-grams, votes differently enough for the average to beat either (SENTIPOLC 2016
 * negative F1, 5-fold CV: 0.694 characters, 0.694 words, 0.704 both).
 *
 * <p>Optionally a last view holds only what carries over between topics: the words the
 * lexicons know, each with its valence level, negation marks, emoji and punctuation. Trained
 * on SENTIPOLC's political tweets and measured on its general ones and the other way round,
 * it lifts the mean negative F1 from 0.594 to 0.604, over five seeds (docs/understanding-posts.md).
 *
 * <p>Optionally an Italian post's words are read as their light stems ({@link ItalianStemmer}):
 * "arrabbiato", "arrabbiata" and "arrabbiati" become one feature, and in the polarity view a
 * word no lexicon lists still counts when its stem is that of lexicon words of one sign
 * ("deludente" listed, "deludenti" not). Trained on one SENTIPOLC topic and measured on the
 * other, with the polarity view and no character n-grams, it lifts the mean negative F1 from
 * 0.6169 to 0.6192 over five seeds, about the seeds' spread (docs/understanding-posts.md).
 *
 * <p>Each feature is hashed (32-bit FNV-1a over its characters, finished by MurmurHash3's
 * mixer) into one of {@code 2^bits} buckets with a sign drawn from the hash's top bit, so
 * that colliding features tend to cancel out rather than add up. Values are scaled so that
 * the vector has unit length. The hashing is part of a model file's contract: it is
 * versioned by {@link #SCHEME} and must never change under the same number.
 */
public final class HashedFeatures {

    /** Version of the hashing scheme, written into model files. */
    public static final int SCHEME = 3;

    static final int NEGATION_SCOPE = 3;

    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD_SEED = 0x811c9dc5;
    private static final int CHARS_SEED = 0x2f6b3a51;
    private static final int NEGATED = 0x5bd1e995;
    private static final int BIGRAM = 0x27d4eb2f;
    private static final int LANG_SEED = 0x165667b1;
    private static final int EMOJI_SEED = 0x3c6ef372;
    private static final int MENTION_TOKEN = 0x7f4a7c15;
    private static final int URL_TOKEN = 0x6a09e667;
    private static final int CAPITALS = 0x510e527f;
    private static final int ELONGATIONS = 0x1f83d9ab;
    private static final int EXCLAMATIONS = 0x5be0cd19;
    private static final int QUESTIONS = 0x428a2f98;
    private static final int LEXICON_LEVEL = 0x3f84d5b5;
    private static final int LEXICON_POLARITY = 0x1b873593;
    private static final int VALENCE_LEVEL = 0x6c8e9cf5;
    private static final char WORD_START = '\u0002';
    private static final char WORD_END = '\u0003';

    /** Negators of the supported languages; "didn't" is folded to "didn" and "t". */
    private static final Set<String> NEGATORS = Set.of(
            "not", "no", "never", "t", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "wont",
            "nobody", "nothing", "without", "non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla",
            "nemmeno", "neanche", "senza", "nunca", "ne", "pas", "jamais", "kein", "nicht", "nao");

    /** Open-addressing table of the negators' word hashes, which a token's hash is looked up in first. */
    private static final int[] NEGATOR_HASHES = negatorHashes();

    private final int bits;
    private final int mask;
    private final int minChars;
    private final int maxChars;
    private final boolean wordView;
    private final boolean lexicon;
    private final boolean polarityView;
    private final boolean stems;

    /** Words and character n-grams only, one view, no lexicon: see {@link #HashedFeatures(int, int, int, boolean, boolean)}. */
    public HashedFeatures(int bits, int minChars, int maxChars) {
        this(bits, minChars, maxChars, false, false);
    }

    /**
     * @param bits log2 of the number of buckets of each view, 10..24
     * @param minChars shortest character n-gram, at least 1
     * @param maxChars longest character n-gram, 0 for none
     * @param wordView also write a words-only view; ignored without character n-grams, where
     *     the first view is words only already
     * @param lexicon add the lexicon scorer's polarity of the post to every view
     */
    public HashedFeatures(int bits, int minChars, int maxChars, boolean wordView, boolean lexicon) {
        this(bits, minChars, maxChars, wordView, lexicon, false);
    }

    /**
     * @param polarityView also write a view of the words the lexicons know (valenced words,
     *     negators, boosters, "but"), marked when negated, with the emoji and the punctuation
     *     cues: a view that cannot learn what a post is about, only how it feels
     * @see #HashedFeatures(int, int, int, boolean, boolean)
     */
    public HashedFeatures(int bits, int minChars, int maxChars, boolean wordView, boolean lexicon, boolean polarityView) {
        this(bits, minChars, maxChars, wordView, lexicon, polarityView, false);
    }

    /**
     * @param stems read the words of Italian posts as their light stems, and let the polarity
     *     view know a word by its stem when the lexicon does not list the word itself
     * @see #HashedFeatures(int, int, int, boolean, boolean, boolean)
     */
    public HashedFeatures(int bits, int minChars, int maxChars, boolean wordView, boolean lexicon, boolean polarityView,
            boolean stems) {
        if (bits < 10 || bits > 24) {
            throw new IllegalArgumentException("bits must be in 10..24 (1,024 to 16 M buckets), got " + bits);
        }
        if (maxChars != 0 && (minChars < 1 || minChars > maxChars || maxChars > 8)) {
            throw new IllegalArgumentException("character n-grams must satisfy 1 <= min <= max <= 8, got "
                    + minChars + ".." + maxChars);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.minChars = minChars;
        this.maxChars = maxChars;
        this.wordView = wordView && maxChars > 0;
        this.lexicon = lexicon;
        this.polarityView = polarityView;
        this.stems = stems;
    }

    /**
     * Words, bigrams and character 3..5-grams, plus a words-only view, each in 2^20 buckets,
     * with the lexicon's polarity: on SENTIPOLC 2016, 2^20 buckets rather than 2^18 raise the
     * negative F1 by about 0.002 (fewer collisions between the many Italian inflections).
     */
    public static HashedFeatures standard() {
        return new HashedFeatures(20, 3, 5, true, true);
    }

    public int bits() {
        return bits;
    }

    /** Buckets of all the views together. */
    public int buckets() {
        return views() << bits;
    }

    /**
     * 1, plus 1 with a words-only view, plus 1 with a polarity view, which comes last; view
     * {@code v} owns buckets {@code [v << bits, (v + 1) << bits)}.
     */
    public int views() {
        return 1 + (wordView ? 1 : 0) + (polarityView ? 1 : 0);
    }

    public boolean wordView() {
        return wordView;
    }

    public boolean lexicon() {
        return lexicon;
    }

    public boolean polarityView() {
        return polarityView;
    }

    public boolean stems() {
        return stems;
    }

    public int minChars() {
        return minChars;
    }

    public int maxChars() {
        return maxChars;
    }

    /**
     * Fills {@code out} with the features of {@code text} written in {@code lang} (or null):
     * those of the first view, then those of the words-only view if any, each view's at unit
     * length.
     */
    public void extract(TokenizedText text, String lang, FeatureVector out) {
        out.clear();
        double polarity = lexicon ? LexiconSentimentScorer.bundled().score(text, lang).polarity() : 0;
        boolean stemmed = stems && italian(lang);
        view(text, lang, maxChars > 0, false, stemmed, 0, polarity, out);
        if (wordView) {
            view(text, lang, false, false, stemmed, 1 << bits, polarity, out);
        }
        if (polarityView) {
            view(text, lang, false, true, stemmed, (views() - 1) << bits, polarity, out);
        }
    }

    /**
     * Appends one view's features, in buckets from {@code offset}; with character n-grams unless
     * {@code grams} is false; with only the words the lexicons know, and no word pairs, when
     * {@code known}; with words as their stems when {@code stemmed}.
     */
    private void view(TokenizedText text, String lang, boolean grams, boolean known, boolean stemmed, int offset,
            double polarity, FeatureVector out) {
        int start = out.size;
        int previous = 0;
        int negationLeft = 0;
        int capitals = 0;
        int elongated = 0;
        byte before = 0;
        for (int t = 0; t < text.size(); t++) {
            String token = text.token(t);
            byte flags = text.flags(t);
            if ((flags & (TokenizedText.MENTION | TokenizedText.URL)) != 0) {
                // every handle reads as one "@user", every link as one "<url>": who and where
                // rarely carry the polarity, and the split parts of a link are noise
                byte kind = (byte) (flags & (TokenizedText.MENTION | TokenizedText.URL));
                if ((before & kind) == 0) {
                    emit(kind == TokenizedText.URL ? URL_TOKEN : MENTION_TOKEN, offset, out);
                }
                before = flags;
                continue;
            }
            if ((flags & TokenizedText.CLAUSE_START) != 0) {
                negationLeft = 0;
            }
            if ((flags & TokenizedText.ALL_CAPS) != 0) {
                capitals++;
            }
            if ((flags & TokenizedText.ELONGATED) != 0) {
                elongated++;
            }
            int stemLength = stemmed ? ItalianStemmer.stemLength(token) : token.length();
            double stemValence = 0;
            if (known && !LexiconSentimentScorer.bundled().knows(text, t, lang)) {
                stemValence = stemmed ? LexiconSentimentScorer.bundled().stemValence(token.substring(0, stemLength), lang) : 0;
                if (stemValence == 0) {
                    negationLeft = Math.max(0, negationLeft - 1);
                    before = flags;
                    continue;
                }
            }
            if (known) {
                double valence = stemValence != 0 ? stemValence : LexiconSentimentScorer.bundled().valence(text, t, lang);
                if (valence != 0) {
                    // the word's valence as a level: what a lexicon knows of a word no training
                    // post held still counts, in any topic
                    int level = (int) Math.signum(valence) * (1 + (int) Math.min(3, Math.abs(valence)));
                    emit(VALENCE_LEVEL + level + (negationLeft > 0 ? 16 : 0), offset, out);
                }
            }
            int length = copy(token, out);
            int word = WORD_SEED;
            for (int i = 1; i <= stemLength; i++) {
                word = (word ^ out.chars[i]) * FNV_PRIME;
            }
            // a negator is told by its whole form: "nessuno" and "nessuna" stem to "nessun"
            boolean negator = negator(stemLength == length ? word : hash(token), token);
            emit(negationLeft > 0 && !negator ? word ^ NEGATED : word, offset, out);
            if (previous != 0 && !known) {
                emit(previous * 31 + Integer.rotateLeft(word, 15) ^ BIGRAM, offset, out);
            }
            previous = word;
            before = flags;
            negationLeft = negator ? NEGATION_SCOPE : Math.max(0, negationLeft - 1);
            if (grams) {
                characterGrams(length + 2, offset, out);
            }
        }
        List<String> emoji = text.emoji();
        for (int e = 0; e < emoji.size(); e++) {
            String pictograph = emoji.get(e);
            int hash = EMOJI_SEED;
            for (int i = 0; i < pictograph.length(); i++) {
                hash = (hash ^ pictograph.charAt(i)) * FNV_PRIME;
            }
            emit(hash, offset, out);
        }
        emitLevel(CAPITALS, capitals, offset, out);
        emitLevel(ELONGATIONS, elongated, offset, out);
        emitLevel(EXCLAMATIONS, text.exclamations(), offset, out);
        emitLevel(QUESTIONS, text.questions(), offset, out);
        if (lang != null && !lang.isEmpty()) {
            int hash = LANG_SEED;
            for (int i = 0; i < lang.length() && i < 2; i++) {
                hash = (hash ^ Character.toLowerCase(lang.charAt(i))) * FNV_PRIME;
            }
            emit(hash, offset, out);
        }
        if (out.size > start) {
            out.scale(start, (float) (1 / Math.sqrt(out.size - start)));
        }
        if (lexicon) {
            // after the scaling, at unit size: one number standing for the whole post's
            // valenced words weighs as much as all its n-grams together
            int level = polarity == 0 ? 0 : (int) Math.signum(polarity) * (1 + (int) Math.min(3, Math.abs(polarity) * 4));
            emit(LEXICON_LEVEL + level, offset, out);
            int mixed = mix(LEXICON_POLARITY);
            out.add(offset + (mixed & mask), sign(mixed) * (float) polarity);
        }
    }

    /** One feature for "none", "one", "two" or "three or more" of a cue, none for none. */
    private void emitLevel(int seed, int count, int offset, FeatureVector out) {
        if (count > 0) {
            emit(seed + Math.min(count, 3), offset, out);
        }
    }

    /**
     * Copies {@code token}, already folded by the tokenizer, into {@code out.chars[1..length]}
     * between boundary marks; returns the length.
     */
    private static int copy(String token, FeatureVector out) {
        int length = token.length();
        if (out.chars.length < length + 2) {
            out.chars = new char[Math.max(length + 2, out.chars.length * 2)];
        }
        char[] chars = out.chars;
        chars[0] = WORD_START;
        token.getChars(0, length, chars, 1);
        chars[length + 1] = WORD_END;
        return length;
    }

    /** Whether the word hashing to {@code word} is a negator, mostly without comparing strings. */
    private static boolean negator(int word, String token) {
        int slot = mix(word) & (NEGATOR_HASHES.length - 1);
        while (NEGATOR_HASHES[slot] != 0) {
            if (NEGATOR_HASHES[slot] == word) {
                return NEGATORS.contains(token);
            }
            slot = (slot + 1) & (NEGATOR_HASHES.length - 1);
        }
        return false;
    }

    private static int hash(String word) {
        int hash = WORD_SEED;
        for (int i = 0; i < word.length(); i++) {
            hash = (hash ^ word.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    /** "it", "IT", "it-IT" and "it_IT" are Italian. */
    private static boolean italian(String lang) {
        return lang != null && lang.length() >= 2 && (lang.charAt(0) | 0x20) == 'i' && (lang.charAt(1) | 0x20) == 't'
                && (lang.length() == 2 || lang.charAt(2) == '-' || lang.charAt(2) == '_');
    }

    private static int[] negatorHashes() {
        int[] table = new int[Integer.highestOneBit(NEGATORS.size()) * 4];
        for (String negator : NEGATORS) {
            int word = hash(negator);
            int slot = mix(word) & (table.length - 1);
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = word;
        }
        return table;
    }

    /** Emits the n-grams of {@code out.chars[0..span)}, marks included. */
    private void characterGrams(int span, int offset, FeatureVector out) {
        // the hottest loop of a prediction: room is made once per word, so that each n-gram
        // is a hash step and two array stores
        out.reserve(span * (maxChars - minChars + 1));
        char[] chars = out.chars;
        int[] indices = out.indices;
        float[] values = out.values;
        int size = out.size;
        for (int start = 0; start + minChars <= span; start++) {
            int hash = CHARS_SEED;
            int i = start;
            for (int first = start + minChars - 1; i < first; i++) {
                hash = (hash ^ chars[i]) * FNV_PRIME;
            }
            for (int end = Math.min(span, start + maxChars); i < end; i++) {
                hash = (hash ^ chars[i]) * FNV_PRIME;
                int mixed = mix(hash);
                indices[size] = offset + (mixed & mask);
                values[size] = sign(mixed);
                size++;
            }
        }
        out.size = size;
    }

    private void emit(int hash, int offset, FeatureVector out) {
        int mixed = mix(hash);
        out.add(offset + (mixed & mask), sign(mixed));
    }

    /**
     * 1 or -1 from the top bit, spliced into the bits of 1.0f: a hash's sign is a coin toss,
     * and a branch on it would be mispredicted half the time.
     */
    private static float sign(int hash) {
        return Float.intBitsToFloat(0x3f800000 | (hash & 0x80000000));
    }

    /** MurmurHash3's 32-bit finaliser: every input bit reaches every output bit. */
    static int mix(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }
}
