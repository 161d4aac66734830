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
    /** An X handle has no dot: "@tim_official." ends a sentence. */
    private static final Pattern TWITTER_MENTION = Pattern.compile("@([A-Za-z0-9_]{1,30})");
    /** A label of a domain name, as Bluesky handles and Mastodon instances are. */
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    /** A Bluesky handle is a domain name ({@code name.bsky.social}, {@code brand.com}); a dot after it ends the sentence. */
    private static final Pattern BLUESKY_MENTION = Pattern.compile("(?<![\\w@.])@(" + LABEL + "(?:\\." + LABEL + ")+)");
    /** A Mastodon mention is {@code @user} on the post's own instance or {@code @user@instance} elsewhere. */
    private static final Pattern MASTODON_MENTION = Pattern.compile(
            "(?<![\\w@.])@([A-Za-z0-9_]+(?:@" + LABEL + "(?:\\." + LABEL + ")+)?)");

    private PostText() {}

    /** The mentions of an X post (and of posts of a platform not named). */
    public static List<String> mentions(String text) {
        return extract(TWITTER_MENTION, text, '@');
    }

    /** The mentions as {@code platform} writes them: {@code name.bsky.social} on Bluesky, {@code user@instance} on Mastodon. */
    public static List<String> mentions(String text, String platform) {
        Pattern pattern = switch (platform == null ? "" : platform) {
            case "bluesky" -> BLUESKY_MENTION;
            case "mastodon" -> MASTODON_MENTION;
            default -> TWITTER_MENTION;
        };
        return extract(pattern, text, '@');
    }

    public static List<String> hashtags(String text) {
        return extract(HASHTAG, text, '#');
    }

    /** @param marker the character every match starts with: most posts have none, and need no regex */
    private static List<String> extract(Pattern pattern, String text, char marker) {
        List<String> found = new ArrayList<>();
        if (text.indexOf(marker) < 0) {
            return found;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
