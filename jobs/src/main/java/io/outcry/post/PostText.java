package io.outcry.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mentions and hashtags as platforms read them from a post's text, lower-cased, without '@' or '#'. */
public final class PostText {

    /** A hashtag may start with a digit (#5G) but is never all digits (#1 is not a tag). */
    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");
    private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9_]{1,30})");

    private PostText() {}

    public static List<String> mentions(String text) {
        return extract(MENTION, text);
    }

    public static List<String> hashtags(String text) {
        return extract(HASHTAG, text);
    }

    private static List<String> extract(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
