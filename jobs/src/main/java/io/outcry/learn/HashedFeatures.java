package io.outcry.learn;

import io.outcry.enrich.TokenizedText;
import java.util.List;
import java.util.Set;

/**
 * Turns a post's folded tokens ({@link io.outcry.enrich.TokenizedText}) into sparse hashed
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
 *   <li>the post's language, when known.
 * </ul>
 *
 * <p>Each feature is hashed (32-bit FNV-1a over its characters, finished by MurmurHash3's
 * mixer) into one of {@code 2^bits} buckets with a sign drawn from the hash's top bit, so
 * that colliding features tend to cancel out rather than add up. Values are scaled so that
 * the vector has unit length. The hashing is part of a model file's contract: it is
 * versioned by {@link #SCHEME} and must never change under the same number.
 */
public final class HashedFeatures {

    /** Version of the hashing scheme, written into model files. */
    public static final int SCHEME = 2;

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

    /**
     * @param bits log2 of the number of buckets, 10..24
     * @param minChars shortest character n-gram, at least 1
     * @param maxChars longest character n-gram, 0 for none
     */
    public HashedFeatures(int bits, int minChars, int maxChars) {
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
    }

    /** Words, bigrams and character 3..5-grams in 2^18 buckets. */
    public static HashedFeatures standard() {
        return new HashedFeatures(18, 3, 5);
    }

    public int bits() {
        return bits;
    }

    public int buckets() {
        return 1 << bits;
    }

    public int minChars() {
        return minChars;
    }

    public int maxChars() {
        return maxChars;
    }

    /** Fills {@code out} with the features of {@code text} written in {@code lang} (or null). */
    public void extract(TokenizedText text, String lang, FeatureVector out) {
        out.clear();
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
                    emit(kind == TokenizedText.URL ? URL_TOKEN : MENTION_TOKEN, out);
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
            int length = copy(token, out);
            int word = WORD_SEED;
            for (int i = 1; i <= length; i++) {
                word = (word ^ out.chars[i]) * FNV_PRIME;
            }
            boolean negator = negator(word, token);
            emit(negationLeft > 0 && !negator ? word ^ NEGATED : word, out);
            if (previous != 0) {
                emit(previous * 31 + Integer.rotateLeft(word, 15) ^ BIGRAM, out);
            }
            previous = word;
            before = flags;
            negationLeft = negator ? NEGATION_SCOPE : Math.max(0, negationLeft - 1);
            if (maxChars > 0) {
                characterGrams(length + 2, out);
            }
        }
        List<String> emoji = text.emoji();
        for (int e = 0; e < emoji.size(); e++) {
            String pictograph = emoji.get(e);
            int hash = EMOJI_SEED;
            for (int i = 0; i < pictograph.length(); i++) {
                hash = (hash ^ pictograph.charAt(i)) * FNV_PRIME;
            }
            emit(hash, out);
        }
        emitLevel(CAPITALS, capitals, out);
        emitLevel(ELONGATIONS, elongated, out);
        emitLevel(EXCLAMATIONS, text.exclamations(), out);
        emitLevel(QUESTIONS, text.questions(), out);
        if (lang != null && !lang.isEmpty()) {
            int hash = LANG_SEED;
            for (int i = 0; i < lang.length() && i < 2; i++) {
                hash = (hash ^ Character.toLowerCase(lang.charAt(i))) * FNV_PRIME;
            }
            emit(hash, out);
        }
        if (out.size > 0) {
            out.scale((float) (1 / Math.sqrt(out.size)));
        }
    }

    /** One feature for "none", "one", "two" or "three or more" of a cue, none for none. */
    private void emitLevel(int seed, int count, FeatureVector out) {
        if (count > 0) {
            emit(seed + Math.min(count, 3), out);
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

    private static int[] negatorHashes() {
        int[] table = new int[Integer.highestOneBit(NEGATORS.size()) * 4];
        for (String negator : NEGATORS) {
            int word = WORD_SEED;
            for (int i = 0; i < negator.length(); i++) {
                word = (word ^ negator.charAt(i)) * FNV_PRIME;
            }
            int slot = mix(word) & (table.length - 1);
            while (table[slot] != 0) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = word;
        }
        return table;
    }

    /** Emits the n-grams of {@code out.chars[0..span)}, marks included. */
    private void characterGrams(int span, FeatureVector out) {
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
                indices[size] = mixed & mask;
                values[size] = sign(mixed);
                size++;
            }
        }
        out.size = size;
    }

    private void emit(int hash, FeatureVector out) {
        int mixed = mix(hash);
        out.add(mixed & mask, sign(mixed));
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
