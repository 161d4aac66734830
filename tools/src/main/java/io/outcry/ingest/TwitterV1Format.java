package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code twitter-v1}: Twitter API v1.1 statuses, one JSON object per line, as the v1.1 streams,
 * archives and academic dumps hold them.
 *
 * <ul>
 *   <li>Text: {@code extended_tweet.full_text} (a streamed status over 140 characters is
 *       {@code truncated} and carries the rest there), else {@code full_text} (archives,
 *       {@code tweet_mode=extended}), else {@code text}; mentions and hashtags from the
 *       entities that go with that text. {@code &amp;}, {@code &lt;}, {@code &gt;} unescaped.
 *   <li>A retweet is {@code RT @author: } plus the original's full text, with the original's
 *       entities: the retweet's own {@code text} is cut at 140 characters. Its
 *       {@code quoted_status} (a retweet of a quote) belongs to the original and is not the
 *       retweet's quote. Embedded statuses are not posts of their own.
 *   <li>{@code coordinates} is GeoJSON, [lon, lat]; the legacy {@code geo} ([lat, lon]) is not read.
 *       {@code place} becomes its {@code full_name}, country and the centre of its bounding box.
 *   <li>Time: {@code timestamp_ms}, else the id's snowflake time when it agrees with
 *       {@code created_at}, else {@code created_at}.
 *   <li>Stream control messages ({@code delete}, {@code limit}, {@code scrub_geo},
 *       {@code status_withheld}, {@code user_withheld}, {@code disconnect}, {@code warning})
 *       are counted; a {@code delete} is a {@link Deletion}.
 * </ul>
 */
public final class TwitterV1Format implements PlatformFormat {

    public static final String NAME = "twitter-v1";

    /** Judges whether a status was created in the future. */
    private final Clock clock;

    public TwitterV1Format() {
        this(Clock.systemUTC());
    }

    TwitterV1Format(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        JsonCursor json = new JsonCursor(bytes, offset, length);
        try {
            if (!json.startObject()) {
                out.deadLetter("expected a v1.1 status or stream message, a JSON object, got " + json.describeNext());
                return 1;
            }
            Status status = new Status();
            String control = readStatus(json, status, "", true);
            if (!json.atEnd()) {
                out.deadLetter("more than one JSON value on the line");
            } else if (control == null) {
                out.post(post(status, clock.millis()));
            } else if (status.deletion != null) {
                out.deletion(status.deletion);
            } else {
                out.control(control);
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
        }
        return 1;
    }

    /** The fields Outcry reads from one status, the embedded retweeted one included. */
    private static final class Status {
        String id;
        String createdAt;
        String timestampMs;
        String text;
        String fullText;
        String extendedText;
        final List<String> mentions = new ArrayList<>(4);
        final List<String> hashtags = new ArrayList<>(4);
        final List<String> extendedMentions = new ArrayList<>(4);
        final List<String> extendedHashtags = new ArrayList<>(4);
        Status retweeted;
        String quotedId;
        String replyToId;
        String userId;
        String handle;
        long followers = Author.UNKNOWN_FOLLOWERS;
        boolean verified;
        String location;
        GeoPoint coordinates;
        String placeName;
        String countryCode;
        GeoPoint placeCentre;
        String lang;
        Deletion deletion;
        boolean hasUser;
    }

    /** Reads a status object; returns the control message's name when the object is one. */
    private static String readStatus(JsonCursor json, Status s, String path, boolean topLevel) {
        String control = null;
        while (json.nextField()) {
            if (json.is("id_str")) {
                s.id = json.id(path, "id_str");
            } else if (json.is("id")) {
                String id = json.id(path, "id");
                s.id = s.id == null ? id : s.id;
            } else if (json.is("created_at")) {
                s.createdAt = json.string(path, "created_at");
            } else if (json.is("timestamp_ms")) {
                s.timestampMs = json.id(path, "timestamp_ms");
            } else if (json.is("text")) {
                s.text = json.string(path, "text");
            } else if (json.is("full_text")) {
                s.fullText = json.string(path, "full_text");
            } else if (json.is("extended_tweet")) {
                if (json.object(path, "extended_tweet")) {
                    readExtended(json, s, path + "extended_tweet.");
                }
            } else if (json.is("entities")) {
                if (json.object(path, "entities")) {
                    readEntities(json, s.mentions, s.hashtags, path + "entities.");
                }
            } else if (json.is("retweeted_status")) {
                if (json.object(path, "retweeted_status")) {
                    s.retweeted = new Status();
                    readStatus(json, s.retweeted, path + "retweeted_status.", false);
                }
            } else if (json.is("quoted_status_id_str")) {
                s.quotedId = json.id(path, "quoted_status_id_str");
            } else if (json.is("in_reply_to_status_id_str")) {
                s.replyToId = json.id(path, "in_reply_to_status_id_str");
            } else if (json.is("user")) {
                if (json.object(path, "user")) {
                    readUser(json, s, path + "user.");
                }
            } else if (json.is("coordinates")) {
                if (json.object(path, "coordinates")) {
                    s.coordinates = readPoint(json, path + "coordinates");
                }
            } else if (json.is("place")) {
                if (json.object(path, "place")) {
                    readPlace(json, s, path + "place.");
                }
            } else if (json.is("lang")) {
                s.lang = json.string(path, "lang");
            } else if (topLevel && isControl(json)) {
                control = json.name();
                if (json.is("delete") && json.object("", "delete")) {
                    s.deletion = readDelete(json);
                } else {
                    json.skip();
                }
            } else {
                json.skip();
            }
        }
        return control;
    }

    private static boolean isControl(JsonCursor json) {
        return json.is("delete") || json.is("limit") || json.is("scrub_geo") || json.is("status_withheld")
                || json.is("user_withheld") || json.is("disconnect") || json.is("warning");
    }

    private static void readExtended(JsonCursor json, Status s, String path) {
        while (json.nextField()) {
            if (json.is("full_text")) {
                s.extendedText = json.string(path, "full_text");
            } else if (json.is("entities")) {
                if (json.object(path, "entities")) {
                    readEntities(json, s.extendedMentions, s.extendedHashtags, path + "entities.");
                }
            } else {
                json.skip();
            }
        }
    }

    private static void readEntities(JsonCursor json, List<String> mentions, List<String> hashtags, String path) {
        while (json.nextField()) {
            if (json.is("user_mentions")) {
                readNames(json, mentions, "screen_name", path + "user_mentions");
            } else if (json.is("hashtags")) {
                readNames(json, hashtags, "text", path + "hashtags");
            } else {
                json.skip();
            }
        }
    }

    /** Collects one string field of every object in an array, lower-cased. */
    static void readNames(JsonCursor json, List<String> names, String name, String path) {
        if (!json.array(path, "")) {
            return;
        }
        while (json.nextObject(path, "[]")) {
            while (json.nextField()) {
                if (json.is(name)) {
                    String value = json.string(path + "[].", name);
                    if (value != null) {
                        names.add(value.toLowerCase(Locale.ROOT));
                    }
                } else {
                    json.skip();
                }
            }
        }
    }

    private static void readUser(JsonCursor json, Status s, String path) {
        s.hasUser = true;
        while (json.nextField()) {
            if (json.is("id_str")) {
                s.userId = json.id(path, "id_str");
            } else if (json.is("id")) {
                String id = json.id(path, "id");
                s.userId = s.userId == null ? id : s.userId;
            } else if (json.is("screen_name")) {
                s.handle = json.string(path, "screen_name");
            } else if (json.is("followers_count")) {
                s.followers = json.followers(path, "followers_count");
            } else if (json.is("verified")) {
                s.verified = json.bool(path, "verified");
            } else if (json.is("location")) {
                s.location = json.string(path, "location");
            } else {
                json.skip();
            }
        }
    }

    /** A GeoJSON point, {@code {"type": "Point", "coordinates": [lon, lat]}}, the cursor inside it. */
    static GeoPoint readPoint(JsonCursor json, String path) {
        GeoPoint point = null;
        while (json.nextField()) {
            if (json.is("coordinates")) {
                if (json.array(path, ".coordinates")) {
                    if (!json.nextElement()) {
                        throw new Unmappable(path + ".coordinates must be [lon, lat], got []");
                    }
                    double lon = json.number(path, ".coordinates[0]");
                    if (!json.nextElement()) {
                        throw new Unmappable(path + ".coordinates must be [lon, lat], got one number");
                    }
                    double lat = json.number(path, ".coordinates[1]");
                    if (json.nextElement()) {
                        throw new Unmappable(path + ".coordinates must be [lon, lat], got more numbers");
                    }
                    point = Tweets.point(lat, lon, path);
                }
            } else {
                json.skip();
            }
        }
        return point;
    }

    private static void readPlace(JsonCursor json, Status s, String path) {
        while (json.nextField()) {
            if (json.is("full_name")) {
                s.placeName = json.string(path, "full_name");
            } else if (json.is("country_code")) {
                s.countryCode = json.string(path, "country_code");
            } else if (json.is("bounding_box")) {
                if (json.object(path, "bounding_box")) {
                    while (json.nextField()) {
                        if (json.is("coordinates")) {
                            if (json.array(path, "bounding_box.coordinates")) {
                                double[] centre = json.boxCentre(path, "bounding_box.coordinates");
                                s.placeCentre = centre == null ? null : Tweets.point(centre[0], centre[1], path + "bounding_box");
                            }
                        } else {
                            json.skip();
                        }
                    }
                }
            } else {
                json.skip();
            }
        }
    }

    /** {@code {"delete": {"status": {"id_str", "user_id_str"}, "timestamp_ms"}}}, the cursor inside the inner object. */
    private static Deletion readDelete(JsonCursor json) {
        String id = null;
        String userId = null;
        long at = -1;
        while (json.nextField()) {
            if (json.is("status")) {
                if (json.object("delete.", "status")) {
                    while (json.nextField()) {
                        if (json.is("id_str")) {
                            id = json.id("delete.status.", "id_str");
                        } else if (json.is("id")) {
                            String numeric = json.id("delete.status.", "id");
                            id = id == null ? numeric : id;
                        } else if (json.is("user_id_str")) {
                            userId = json.id("delete.status.", "user_id_str");
                        } else if (json.is("user_id")) {
                            String numeric = json.id("delete.status.", "user_id");
                            userId = userId == null ? numeric : userId;
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("timestamp_ms")) {
                at = millis(json.id("delete.", "timestamp_ms"), "delete.timestamp_ms");
            } else {
                json.skip();
            }
        }
        if (id == null) {
            throw new Unmappable("delete.status.id_str is missing: which post was deleted?");
        }
        return new Deletion(Tweets.PLATFORM, id, userId, at);
    }

    private static long millis(String value, String field) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Unmappable(field + " '" + value + "' is not epoch milliseconds");
        }
    }

    private static Post post(Status s, long now) {
        String id = Tweets.required(s.id, "id_str");
        if (!s.hasUser) {
            throw new Unmappable("user is missing: a status names its author in 'user'");
        }
        String handle = Tweets.required(s.handle, "user.screen_name");
        String userId = Tweets.required(s.userId, "user.id_str");
        long declared = s.timestampMs != null ? millis(s.timestampMs, "timestamp_ms")
                : Tweets.v1Date(Tweets.required(s.createdAt, "created_at"));
        long time = s.timestampMs != null ? declared : Tweets.eventTime(id, declared);
        String text;
        List<String> mentions;
        List<String> hashtags;
        String retweetedId = null;
        if (s.retweeted != null) {
            Status original = s.retweeted;
            retweetedId = Tweets.required(original.id, "retweeted_status.id_str");
            String originalHandle = Tweets.required(original.handle, "retweeted_status.user.screen_name");
            text = "RT @" + originalHandle + ": " + fullText(original, "retweeted_status.");
            mentions = new ArrayList<>();
            mentions.add(originalHandle.toLowerCase(Locale.ROOT));
            mentions.addAll(original.extendedText != null ? original.extendedMentions : original.mentions);
            hashtags = original.extendedText != null ? original.extendedHashtags : original.hashtags;
        } else {
            text = fullText(s, "");
            mentions = s.extendedText != null ? s.extendedMentions : s.mentions;
            hashtags = s.extendedText != null ? s.extendedHashtags : s.hashtags;
        }
        String placeName = s.placeName == null || s.placeName.isBlank() ? null : s.placeName;
        String country = s.countryCode == null || s.countryCode.isBlank() ? null : s.countryCode.toUpperCase(Locale.ROOT);
        // v1.1 names a reply's parent but not the tweet that started its thread (conversation_id is
        // v2's): the conversation stays unknown, and care keys this platform's posts by customer.
        Post post = new Post(id, Tweets.PLATFORM, time,
                new Author(userId, handle, s.followers, s.verified, s.location == null || s.location.isBlank() ? null : s.location),
                text, Tweets.lang(s.lang), s.coordinates,
                placeName == null ? null : new Place(placeName, country, s.placeCentre),
                retweetedId == null ? s.replyToId : null, retweetedId == null ? s.quotedId : null, retweetedId,
                List.copyOf(mentions), List.copyOf(hashtags), Tweets.permalink(handle, id));
        CanonicalRules.check(post, now);
        return post;
    }

    private static String fullText(Status s, String path) {
        String text = s.extendedText != null ? s.extendedText : s.fullText != null ? s.fullText : s.text;
        return Tweets.unescape(Tweets.required(text, path + "text"));
    }
}
