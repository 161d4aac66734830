package io.outcry.care;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** {@link ReplyFingerprint} as it was before its fast paths, kept to compare them with: see {@link MarkCannedRepliesEquivalenceTest}. */
final class FormerReplyFingerprint {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("@\\w+");
    /** "^AB", "^ JD": how care agents on Twitter sign. */
    private static final Pattern CARET_SIGNATURE = Pattern.compile("\\^\\s*\\p{L}{1,4}\\b");
    /** "-JD", "/AB", "– Marta" at the end of the reply. */
    private static final Pattern TRAILING_SIGNATURE = Pattern.compile("(?:^|\\s)[-–—~/]\\s*\\p{L}{1,12}\\.?\\s*$");
    /** A capitalised word after a greeting is the customer's name: "Ciao Giulia,", "Hi Tom". */
    private static final Pattern GREETING_NAME = Pattern.compile(
            "(?i:\\b(ciao|salve|buongiorno|buonasera|gentile|gentilissim[oa]|car[oa]|hi|hello|hey|dear|thanks|thank you|grazie))"
                    + "\\s+\\p{Lu}\\p{L}*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\p{N}.*");
    private static final long SEED = 0x0C0FFEE5EEDL;

    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final long[] salts;

    FormerReplyFingerprint(CannedReplySettings settings) {
        this.shingleWords = settings.shingleWords();
        this.bands = settings.bands();
        this.rows = settings.rows();
        SplittableRandom random = new SplittableRandom(SEED);
        this.salts = new long[settings.signatureLength()];
        for (int i = 0; i < salts.length; i++) {
            salts[i] = random.nextLong();
        }
    }

    /**
     * The words of a reply that a template does not fill in: no mentions, URLs, numbers or ids
     * (ticket numbers, flight numbers, times), no customer name after a greeting and no agent
     * signature; lower case, accents folded.
     */
    public static List<String> words(String text) {
        String t = URL.matcher(text).replaceAll(" ");
        t = MENTION.matcher(t).replaceAll(" ");
        t = CARET_SIGNATURE.matcher(t).replaceAll(" ");
        t = TRAILING_SIGNATURE.matcher(t.strip()).replaceAll("");
        t = GREETING_NAME.matcher(t).replaceAll("$1");
        t = MARKS.matcher(Normalizer.normalize(t.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
        List<String> words = new ArrayList<>();
        for (String token : NON_WORD.split(t)) {
            if (!token.isEmpty() && !HAS_DIGIT.matcher(token).matches()) {
                words.add(token);
            }
        }
        return words;
    }

    /** Hashes of the reply's word shingles; a reply shorter than a shingle is one shingle; none when it has no words. */
    public Set<Long> shingles(String text) {
        List<String> words = words(text);
        Set<Long> shingles = new LinkedHashSet<>();
        if (words.isEmpty()) {
            return shingles;
        }
        int size = Math.min(shingleWords, words.size());
        for (int i = 0; i + size <= words.size(); i++) {
            shingles.add(hash(String.join(" ", words.subList(i, i + size))));
        }
        return shingles;
    }

    /** The MinHash signature of the reply, or null when nothing is left of it to compare. */
    public int[] signature(String text) {
        Set<Long> shingles = shingles(text);
        if (shingles.isEmpty()) {
            return null;
        }
        int[] signature = new int[salts.length];
        for (int i = 0; i < salts.length; i++) {
            long min = Long.MAX_VALUE;
            for (long shingle : shingles) {
                min = Math.min(min, mix(shingle ^ salts[i]));
            }
            signature[i] = (int) (min >>> 32);
        }
        return signature;
    }

    /** One key per band: replies that share a key are candidates; the band index is part of the key. */
    public long[] bandKeys(int[] signature) {
        long[] keys = new long[bands];
        for (int b = 0; b < bands; b++) {
            long h = mix(b + 1L);
            for (int r = 0; r < rows; r++) {
                h = mix(h ^ (signature[b * rows + r] & 0xFFFFFFFFL));
            }
            keys[b] = h;
        }
        return keys;
    }

    /** Share of equal positions: an estimate of the Jaccard similarity of the two shingle sets. */
    public static double similarity(int[] a, int[] b) {
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / a.length;
    }

    /** 64-bit FNV-1a over the characters. */
    private static long hash(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < shingle.length(); i++) {
            h ^= shingle.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
