package io.outcry.care;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a brand reply that says whether it was written from a template: its text with
 * what a template fills in per customer taken out, cut into word shingles, and summarised by a
 * MinHash signature whose LSH bands find similar replies without comparing against all of them.
 *
 * <p>Hash functions come from a fixed seed, never from the process: a signature stored in state
 * before a restart must compare equal to one computed after it.
 */
public final class ReplyFingerprint {

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
    /** What {@link #GREETING_NAME} starts with, as plain text: a text with none of them before a capital needs no regex. */
    private static final String[] GREETINGS = {"ciao", "salve", "buongiorno", "buonasera", "gentile", "gentilissimo",
        "gentilissima", "caro", "cara", "hi", "hello", "hey", "dear", "thanks", "thank you", "grazie"};
    /** What {@link #TRAILING_SIGNATURE} needs one of. */
    private static final String SIGNATURE_DASHES = "-–—~/";
    private static final long SEED = 0x0C0FFEE5EEDL;

    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final long[] salts;

    public ReplyFingerprint(CannedReplySettings settings) {
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
        // each pattern is tried only where a match of it can start, so most replies skip most of them
        String t = mayHoldUrl(text) ? URL.matcher(text).replaceAll(" ") : text;
        t = replaceAllFrom(MENTION, t, t.indexOf('@'), " ");
        t = replaceAllFrom(CARET_SIGNATURE, t, t.indexOf('^'), " ");
        t = t.strip();
        // what follows the dash of a trailing signature holds no dash: only the last one can start it
        int dash = lastIndexOfAny(t, SIGNATURE_DASHES);
        t = replaceAllFrom(TRAILING_SIGNATURE, t, dash <= 0 ? dash : dash - 1, "");
        t = withoutNamesAfterGreetings(t);
        t = t.toLowerCase(Locale.ROOT);
        if (!isAscii(t)) {
            t = withoutMarks(Normalizer.normalize(t, Normalizer.Form.NFD));
        }
        return wordsWithoutNumbers(t);
    }

    /** The runs of letters and numbers ({@code \p{L}}, {@code \p{N}}, by code point), less those holding a number. */
    private static List<String> wordsWithoutNumbers(String t) {
        List<String> words = new ArrayList<>();
        int n = t.length();
        int i = 0;
        while (i < n) {
            int start = i;
            boolean number = false;
            while (i < n) {
                char c = t.charAt(i);
                if (c < 0x80) {
                    if (c >= '0' && c <= '9') {
                        number = true;
                    } else if ((c | 0x20) < 'a' || (c | 0x20) > 'z') {
                        break;
                    }
                    i++;
                    continue;
                }
                int point = t.codePointAt(i);
                int type = Character.getType(point);
                if (isNumber(type)) {
                    number = true;
                } else if (!isLetter(type)) {
                    break;
                }
                i += Character.charCount(point);
            }
            if (i > start && !number) {
                words.add(t.substring(start, i));
            }
            if (i < n) {
                i += Character.charCount(t.codePointAt(i));
            }
        }
        return words;
    }

    /** {@code \p{M}+} replaced by nothing. */
    private static String withoutMarks(String t) {
        StringBuilder kept = null;
        int n = t.length();
        for (int i = 0; i < n; ) {
            int c = t.codePointAt(i);
            int size = Character.charCount(c);
            if (isMark(Character.getType(c))) {
                if (kept == null) {
                    kept = new StringBuilder(n).append(t, 0, i);
                }
            } else if (kept != null) {
                kept.appendCodePoint(c);
            }
            i += size;
        }
        return kept == null ? t : kept.toString();
    }

    private static boolean isLetter(int type) {
        return type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER || type == Character.TITLECASE_LETTER
                || type == Character.MODIFIER_LETTER || type == Character.OTHER_LETTER;
    }

    private static boolean isNumber(int type) {
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static boolean isMark(int type) {
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Whether {@link #URL} can match: it needs "://" or "www." (ASCII letters in either case, as {@code (?i)} reads them). */
    private static boolean mayHoldUrl(String t) {
        if (t.contains("://")) {
            return true;
        }
        for (int dot = t.indexOf('.', 3); dot >= 0; dot = t.indexOf('.', dot + 1)) {
            if (isW(t.charAt(dot - 1)) && isW(t.charAt(dot - 2)) && isW(t.charAt(dot - 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isW(char c) {
        return c == 'w' || c == 'W';
    }

    /**
     * {@code pattern.matcher(t).replaceAll(replacement)} for a pattern none of whose matches
     * starts before {@code from} (none at all when it is negative): the regex engine tries only
     * the positions from there on, seeing the text before them as it would.
     */
    private static String replaceAllFrom(Pattern pattern, String t, int from, String replacement) {
        if (from < 0) {
            return t;
        }
        Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false).region(from, t.length());
        if (!m.find()) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length());
        int last = 0;
        do {
            out.append(t, last, m.start()).append(replacement);
            last = m.end();
        } while (m.find());
        return out.append(t, last, t.length()).toString();
    }

    /**
     * {@code GREETING_NAME.matcher(t).replaceAll("$1")}, trying the pattern only where a greeting
     * word (here in any case, a looser test than the pattern's) ends right before a run of
     * {@code \s} followed by a capital: no match can start elsewhere.
     */
    private static String withoutNamesAfterGreetings(String t) {
        int[] starts = greetingStarts(t);
        if (starts.length == 0) {
            return t;
        }
        Matcher m = GREETING_NAME.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder out = null;
        int last = 0;
        for (int start : starts) {
            if (start < last) {
                continue;
            }
            m.region(start, t.length());
            if (m.lookingAt()) {
                if (out == null) {
                    out = new StringBuilder(t.length());
                }
                out.append(t, last, start).append(m.group(1));
                last = m.end();
            }
        }
        return out == null ? t : out.append(t, last, t.length()).toString();
    }

    /** Where a match of {@link #GREETING_NAME} may start, in order. */
    private static int[] greetingStarts(String t) {
        int[] starts = new int[0];
        int n = t.length();
        int i = 0;
        while (i < n) {
            if (!isRegexSpace(t.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            while (i < n && isRegexSpace(t.charAt(i))) {
                i++;
            }
            if (i < n && Character.getType(t.codePointAt(i)) == Character.UPPERCASE_LETTER) {
                for (String greeting : GREETINGS) {
                    int start = runStart - greeting.length();
                    if (start >= 0 && t.regionMatches(true, start, greeting, 0, greeting.length())) {
                        starts = Arrays.copyOf(starts, starts.length + 1);
                        starts[starts.length - 1] = start;
                    }
                }
            }
        }
        if (starts.length > 1) {
            Arrays.sort(starts);
        }
        return starts;
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static int lastIndexOfAny(String t, String chars) {
        int last = -1;
        for (int i = 0; i < chars.length(); i++) {
            last = Math.max(last, t.lastIndexOf(chars.charAt(i)));
        }
        return last;
    }

    private static boolean isAscii(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
            shingles.add(hash(words, i, size));
        }
        return shingles;
    }

    /** The MinHash signature of the reply, or null when nothing is left of it to compare. */
    public int[] signature(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return null;
        }
        // the shingles of {@link #shingles}, unboxed: a shingle seen twice changes no minimum
        int size = Math.min(shingleWords, words.size());
        long[] shingles = new long[words.size() - size + 1];
        for (int i = 0; i < shingles.length; i++) {
            shingles[i] = hash(words, i, size);
        }
        int[] signature = new int[salts.length];
        for (int i = 0; i < salts.length; i++) {
            long salt = salts[i];
            long min = Long.MAX_VALUE;
            for (long shingle : shingles) {
                min = Math.min(min, mix(shingle ^ salt));
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

    /** 64-bit FNV-1a over the characters of {@code size} words from {@code from} joined by spaces, without joining them. */
    private static long hash(List<String> words, int from, int size) {
        long h = 0xcbf29ce484222325L;
        for (int w = from; w < from + size; w++) {
            if (w > from) {
                h ^= ' ';
                h *= 0x100000001b3L;
            }
            String word = words.get(w);
            for (int i = 0; i < word.length(); i++) {
                h ^= word.charAt(i);
                h *= 0x100000001b3L;
            }
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
