package io.outcry.post;

import java.util.List;

/**
 * One social post in Outcry's canonical form, whatever platform it came from.
 * The JSON form is documented in {@code docs/post-schema.md}; the adapters of {@code io.outcry.ingest} turn a
 * platform's bytes into this record.
 *
 * @param id          platform-unique post id
 * @param platform    where the post was published, e.g. {@code twitter}, {@code mastodon}
 * @param createdAt   event time, epoch milliseconds (UTC)
 * @param author      who wrote it
 * @param text        the text as published, at most {@link #MAX_TEXT_LENGTH} characters
 * @param lang        ISO 639-1 code as declared by the platform, or null when unknown
 * @param coordinates exact position, or null
 * @param place       the place the platform attached, or null
 * @param replyToId   id of the post this replies to, or null
 * @param quotedId    id of the post this quotes, or null
 * @param retweetedId id of the post this reshares verbatim (a retweet / boost), or null
 * @param mentions    handles mentioned, lower case, without '@'
 * @param hashtags    hashtags, lower case, without '#'
 * @param url         the platform's permalink to the post, or null
 * @param conversationId the id of the post that started its thread (the post's own id when it
 *                    starts one), or null when the platform does not say: X's
 *                    {@code conversation_id}, Bluesky's reply root. Care keys its cases by it
 */
public record Post(
        String id,
        String platform,
        long createdAt,
        Author author,
        String text,
        String lang,
        GeoPoint coordinates,
        Place place,
        String replyToId,
        String quotedId,
        String retweetedId,
        List<String> mentions,
        List<String> hashtags,
        String url,
        String conversationId) {

    /** Longest text accepted; longer ones are impossible for the platforms we read and are dead-lettered. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /**
     * Longest id, in characters and in UTF-8 bytes: a Bluesky AT URI is about 80 characters;
     * document ids built on it must stay under Elasticsearch's 512 bytes, which 256 characters
     * of a three-byte script would pass.
     */
    public static final int MAX_ID_LENGTH = 256;
    /** Longest handle, mention, hashtag, platform, place or location: a Mastodon {@code user@domain} is at most 284. */
    public static final int MAX_NAME_LENGTH = 320;
    /** Longest permalink. */
    public static final int MAX_URL_LENGTH = 2048;
    /** Most mentions, or hashtags, one post can hold. */
    public static final int MAX_TAGS = 100;

    /** A post without a permalink, as the simulator and older producers make them. */
    public Post(String id, String platform, long createdAt, Author author, String text, String lang, GeoPoint coordinates,
            Place place, String replyToId, String quotedId, String retweetedId, List<String> mentions, List<String> hashtags) {
        this(id, platform, createdAt, author, text, lang, coordinates, place, replyToId, quotedId, retweetedId, mentions,
                hashtags, null, null);
    }

    /** A post whose platform does not say which thread it belongs to. */
    public Post(String id, String platform, long createdAt, Author author, String text, String lang, GeoPoint coordinates,
            Place place, String replyToId, String quotedId, String retweetedId, List<String> mentions, List<String> hashtags,
            String url) {
        this(id, platform, createdAt, author, text, lang, coordinates, place, replyToId, quotedId, retweetedId, mentions,
                hashtags, url, null);
    }

    /** The same post in the thread started by {@code conversation}. */
    public Post withConversation(String conversation) {
        return new Post(id, platform, createdAt, author, text, lang, coordinates, place, replyToId, quotedId, retweetedId, mentions,
                hashtags, url, conversation);
    }

    /**
     * Where a reader opens the post: the platform's own link, else one built from the id where the
     * platform's links follow from it (an X post from its id, a Bluesky post from its AT URI), else null.
     */
    public String permalink() {
        return permalink(platform, author.handle(), id, url);
    }

    /** {@link #permalink()} of a post known by these fields alone; a null handle links an X post by its id. */
    public static String permalink(String platform, String handle, String id, String url) {
        if (url != null) {
            return url;
        }
        if (platform.equals("twitter") || platform.equals("x")) {
            return "https://x.com/" + (handle == null ? "i" : handle) + "/status/" + id;
        }
        // at://<did>/app.bsky.feed.post/<rkey>
        String[] uri = id.split("/");
        if (platform.equals("bluesky") && id.startsWith("at://") && uri.length == 5 && uri[3].equals("app.bsky.feed.post")) {
            return "https://bsky.app/profile/" + uri[2] + "/post/" + uri[4];
        }
        return null;
    }

    public boolean isRetweet() {
        return retweetedId != null;
    }

    public boolean isReply() {
        return replyToId != null;
    }
}
