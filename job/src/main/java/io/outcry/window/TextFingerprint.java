package io.outcry.window;

/**
 * A hash of what a text says, ignoring what bots vary between copies: links, mentions,
 * hashtags, emoji, punctuation, case and spacing. Digits stay: "down for 5 minutes" and
 * "down for 40 minutes" are different people.
 */
public final class TextFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TextFingerprint() {}

    public static long of(String text) {
        long hash = FNV_OFFSET;
        int i = 0;
        int n = text.length();
        boolean space = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#' || c == '@' || text.startsWith("http", i)) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                if (space) {
                    hash = (hash ^ ' ') * FNV_PRIME;
                    space = false;
                }
                hash = (hash ^ Character.toLowerCase(c)) * FNV_PRIME;
            } else if (hash != FNV_OFFSET) {
                space = true;
            }
            i++;
        }
        return hash;
    }

    /** A stable 64-bit hash of an id, for voice ids and sampling. */
    public static long ofId(String id) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * FNV_PRIME;
        }
        // FNV's low bits mix poorly; a final avalanche makes order by hash a fair sample.
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
