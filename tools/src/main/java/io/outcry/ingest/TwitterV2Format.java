package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code twitter-v2}: X API v2 responses, one per line, as the filtered stream sends them and
 * as search and lookup return them: {@code {"data": {...} | [...], "includes": {"users",
 * "places", "tweets"}, "errors": [...]}}.
 *
 * <ul>
 *   <li>Each {@code data} entry is a record; authors come from {@code includes.users} by
 *       {@code author_id} (followers from {@code public_metrics.followers_count}), places from
 *       {@code includes.places} by {@code geo.place_id}. A tweet whose author is not included is
 *       a dead letter naming the expansion to ask for.
 *   <li>Text: {@code note_tweet.text} for posts longer than 280 characters, else {@code text}.
 *       A retweet is {@code RT @author: } plus the original's full text when
 *       {@code includes.tweets} holds the original and its author, as {@code twitter-v1} does, so
 *       one tweet maps to the same post from either format.
 *   <li>{@code referenced_tweets} of type {@code retweeted}, {@code quoted}, {@code replied_to}.
 *   <li>{@code conversation_id}, the tweet that started the thread, when the request asked for
 *       it ({@code tweet.fields=conversation_id}); without it the post's conversation is unknown.
 *   <li>Each {@code errors} entry is a record too, counted as a control message, never fatal;
 *       so is a response that is a whole-request problem or holds no data. A compliance
 *       {@code {"data": {"delete": {"tweet": {...}}}}} event is a {@link Deletion}.
 * </ul>
 */
public final class TwitterV2Format implements PlatformFormat {

    public static final String NAME = "twitter-v2";

    /** Judges whether a tweet was created in the future. */
    private final Clock clock;

    public TwitterV2Format() {
        this(Clock.systemUTC());
    }

    TwitterV2Format(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        Response response = new Response();
        JsonCursor json = new JsonCursor(bytes, offset, length);
        try {
            if (!json.startObject()) {
                out.deadLetter("expected an X API v2 response, a JSON object, got " + json.describeNext());
                return 1;
            }
            readResponse(json, response);
            if (!json.atEnd()) {
                throw new Unmappable("more than one JSON value on the line");
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
            return 1;
        }
        long now = clock.millis();
        for (int i = 0; i < response.data.size(); i++) {
            Tweet tweet = response.data.get(i);
            if (tweet.deletion != null) {
                out.deletion(tweet.deletion);
                continue;
            }
            try {
                out.post(post(tweet, response, now));
            } catch (Unmappable e) {
                out.deadLetter((response.dataIsArray ? "data[" + i + "]" : "data")
                        + (tweet.id == null ? "" : " (id " + tweet.id + ")") + ": " + e.getMessage());
            }
        }
        for (int i = 0; i < response.errors; i++) {
            out.control("errors");
        }
        int records = response.data.size() + response.errors;
        if (records == 0) {
            if (response.problem) {
                out.control("problem");
            } else if (response.meta) {
                out.control("empty");
            } else {
                out.deadLetter("neither data nor errors: not an X API v2 response");
            }
            return 1;
        }
        return records;
    }

    private static final class Response {
        final List<Tweet> data = new ArrayList<>(4);
        boolean dataIsArray;
        final Map<String, User> users = new HashMap<>();
        final Map<String, Tweet> tweets = new HashMap<>();
        final Map<String, Place> places = new HashMap<>();
        int errors;
        boolean meta;
        boolean problem;
    }

    private static final class Tweet {
        String id;
        String text;
        String authorId;
        String createdAt;
        String lang;
        String retweetedId;
        String quotedId;
        String replyToId;
        String conversationId;
        final List<String> mentions = new ArrayList<>(4);
        final List<String> hashtags = new ArrayList<>(4);
        String noteText;
        final List<String> noteMentions = new ArrayList<>(2);
        final List<String> noteHashtags = new ArrayList<>(2);
        String placeId;
        GeoPoint coordinates;
        Deletion deletion;
    }

    private record User(String username, long followers, boolean verified, String location) {}

    private static void readResponse(JsonCursor json, Response r) {
        while (json.nextField()) {
            if (json.is("data")) {
                readData(json, r);
            } else if (json.is("includes")) {
                if (json.object("", "includes")) {
                    readIncludes(json, r);
                }
            } else if (json.is("errors")) {
                if (json.array("", "errors")) {
                    while (json.nextElement()) {
                        json.skip();
                        r.errors++;
                    }
                }
            } else {
                r.meta |= json.is("meta");
                r.problem |= json.is("title") || json.is("type");
                json.skip();
            }
        }
    }

    /** {@code data} is one tweet in the filtered stream and a lookup by id, an array in search responses. */
    private static void readData(JsonCursor json, Response r) {
        if (json.nextIs('[')) {
            json.array("", "data");
            r.dataIsArray = true;
            while (json.nextObject("data", "[]")) {
                r.data.add(readTweet(json, new Tweet(), "data[]."));
            }
        } else if (json.object("", "data")) {
            r.data.add(readTweet(json, new Tweet(), "data."));
        }
    }

    private static void readIncludes(JsonCursor json, Response r) {
        while (json.nextField()) {
            if (json.is("users")) {
                if (json.array("includes.", "users")) {
                    while (json.nextObject("includes.", "users[]")) {
                        readUser(json, r.users);
                    }
                }
            } else if (json.is("tweets")) {
                if (json.array("includes.", "tweets")) {
                    while (json.nextObject("includes.", "tweets[]")) {
                        Tweet tweet = readTweet(json, new Tweet(), "includes.tweets[].");
                        if (tweet.id != null) {
                            r.tweets.put(tweet.id, tweet);
                        }
                    }
                }
            } else if (json.is("places")) {
                if (json.array("includes.", "places")) {
                    while (json.nextObject("includes.", "places[]")) {
                        readPlace(json, r.places);
                    }
                }
            } else {
                json.skip();
            }
        }
    }

    private static Tweet readTweet(JsonCursor json, Tweet t, String path) {
        while (json.nextField()) {
            if (json.is("id")) {
                t.id = json.id(path, "id");
            } else if (json.is("text")) {
                t.text = json.string(path, "text");
            } else if (json.is("author_id")) {
                t.authorId = json.id(path, "author_id");
            } else if (json.is("created_at")) {
                t.createdAt = json.string(path, "created_at");
            } else if (json.is("lang")) {
                t.lang = json.string(path, "lang");
            } else if (json.is("conversation_id")) {
                t.conversationId = json.id(path, "conversation_id");
            } else if (json.is("referenced_tweets")) {
                readReferences(json, t, path);
            } else if (json.is("entities")) {
                if (json.object(path, "entities")) {
                    readEntities(json, t.mentions, t.hashtags, path + "entities.");
                }
            } else if (json.is("note_tweet")) {
                if (json.object(path, "note_tweet")) {
                    while (json.nextField()) {
                        if (json.is("text")) {
                            t.noteText = json.string(path, "note_tweet.text");
                        } else if (json.is("entities")) {
                            if (json.object(path, "note_tweet.entities")) {
                                readEntities(json, t.noteMentions, t.noteHashtags, path + "note_tweet.entities.");
                            }
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("geo")) {
                if (json.object(path, "geo")) {
                    while (json.nextField()) {
                        if (json.is("place_id")) {
                            t.placeId = json.id(path, "geo.place_id");
                        } else if (json.is("coordinates")) {
                            if (json.object(path, "geo.coordinates")) {
                                t.coordinates = TwitterV1Format.readPoint(json, path + "geo.coordinates");
                            }
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("delete")) {
                if (json.object(path, "delete")) {
                    t.deletion = readDelete(json, path + "delete.");
                }
            } else {
                json.skip();
            }
        }
        return t;
    }

    private static void readReferences(JsonCursor json, Tweet t, String path) {
        if (!json.array(path, "referenced_tweets")) {
            return;
        }
        while (json.nextObject(path, "referenced_tweets[]")) {
            String type = null;
            String id = null;
            while (json.nextField()) {
                if (json.is("type")) {
                    type = json.string(path, "referenced_tweets[].type");
                } else if (json.is("id")) {
                    id = json.id(path, "referenced_tweets[].id");
                } else {
                    json.skip();
                }
            }
            if ("retweeted".equals(type)) {
                t.retweetedId = id;
            } else if ("quoted".equals(type)) {
                t.quotedId = id;
            } else if ("replied_to".equals(type)) {
                t.replyToId = id;
            }
        }
    }

    private static void readEntities(JsonCursor json, List<String> mentions, List<String> hashtags, String path) {
        while (json.nextField()) {
            if (json.is("mentions")) {
                TwitterV1Format.readNames(json, mentions, "username", path + "mentions");
            } else if (json.is("hashtags")) {
                TwitterV1Format.readNames(json, hashtags, "tag", path + "hashtags");
            } else {
                json.skip();
            }
        }
    }

    private static void readUser(JsonCursor json, Map<String, User> users) {
        String path = "includes.users[].";
        String id = null;
        String username = null;
        long followers = Author.UNKNOWN_FOLLOWERS;
        boolean verified = false;
        String location = null;
        while (json.nextField()) {
            if (json.is("id")) {
                id = json.id(path, "id");
            } else if (json.is("username")) {
                username = json.string(path, "username");
            } else if (json.is("verified")) {
                verified = json.bool(path, "verified");
            } else if (json.is("location")) {
                location = json.string(path, "location");
            } else if (json.is("public_metrics")) {
                if (json.object(path, "public_metrics")) {
                    while (json.nextField()) {
                        if (json.is("followers_count")) {
                            followers = json.followers(path, "public_metrics.followers_count");
                        } else {
                            json.skip();
                        }
                    }
                }
            } else {
                json.skip();
            }
        }
        if (id != null) {
            users.put(id, new User(username, followers, verified, location));
        }
    }

    private static void readPlace(JsonCursor json, Map<String, Place> places) {
        String path = "includes.places[].";
        String id = null;
        String name = null;
        String country = null;
        GeoPoint centre = null;
        while (json.nextField()) {
            if (json.is("id")) {
                id = json.id(path, "id");
            } else if (json.is("full_name")) {
                name = json.string(path, "full_name");
            } else if (json.is("country_code")) {
                country = json.string(path, "country_code");
            } else if (json.is("geo")) {
                if (json.object(path, "geo")) {
                    while (json.nextField()) {
                        if (json.is("bbox")) {
                            if (json.array(path, "geo.bbox")) {
                                double[] c = json.boxCentre(path, "geo.bbox");
                                centre = c == null ? null : Tweets.point(c[0], c[1], path + "geo.bbox");
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
        if (id != null && name != null && !name.isBlank()) {
            places.put(id, new Place(name, country == null || country.isBlank() ? null : country.toUpperCase(Locale.ROOT), centre));
        }
    }

    /** A compliance event, {@code {"tweet": {"id", "author_id"}, "event_at"}}, the cursor inside it. */
    private static Deletion readDelete(JsonCursor json, String path) {
        String id = null;
        String authorId = null;
        long at = -1;
        while (json.nextField()) {
            if (json.is("tweet")) {
                if (json.object(path, "tweet")) {
                    while (json.nextField()) {
                        if (json.is("id")) {
                            id = json.id(path, "tweet.id");
                        } else if (json.is("author_id")) {
                            authorId = json.id(path, "tweet.author_id");
                        } else {
                            json.skip();
                        }
                    }
                }
            } else if (json.is("event_at")) {
                String value = json.string(path, "event_at");
                at = value == null ? -1 : Tweets.isoDate(value, path + "event_at");
            } else {
                json.skip();
            }
        }
        if (id == null) {
            throw new Unmappable(path + "tweet.id is missing: which post was deleted?");
        }
        return new Deletion(Tweets.PLATFORM, id, authorId, at);
    }

    private static Post post(Tweet t, Response r, long now) {
        String id = Tweets.required(t.id, "id");
        String authorId = Tweets.required(t.authorId, "author_id");
        User user = r.users.get(authorId);
        if (user == null || user.username() == null || user.username().isBlank()) {
            throw new Unmappable("author_id " + authorId + " has no username in includes.users;"
                    + " request expansions=author_id&user.fields=username,public_metrics,verified,location");
        }
        long time = Tweets.eventTime(id, Tweets.isoDate(Tweets.required(t.createdAt, "created_at"), "created_at"));
        String text;
        List<String> mentions;
        List<String> hashtags;
        Tweet original = t.retweetedId == null ? null : r.tweets.get(t.retweetedId);
        User originalAuthor = original == null || original.authorId == null ? null : r.users.get(original.authorId);
        if (originalAuthor != null && originalAuthor.username() != null) {
            text = "RT @" + originalAuthor.username() + ": " + fullText(original);
            mentions = new ArrayList<>();
            mentions.add(originalAuthor.username().toLowerCase(Locale.ROOT));
            mentions.addAll(original.noteText != null ? original.noteMentions : original.mentions);
            hashtags = original.noteText != null ? original.noteHashtags : original.hashtags;
        } else {
            text = fullText(t);
            mentions = t.noteText != null ? t.noteMentions : t.mentions;
            hashtags = t.noteText != null ? t.noteHashtags : t.hashtags;
        }
        boolean retweet = t.retweetedId != null;
        Post post = new Post(id, Tweets.PLATFORM, time,
                new Author(authorId, user.username(), user.followers(), user.verified(),
                        user.location() == null || user.location().isBlank() ? null : user.location()),
                text, Tweets.lang(t.lang), t.coordinates, t.placeId == null ? null : r.places.get(t.placeId),
                retweet ? null : t.replyToId, retweet ? null : t.quotedId, t.retweetedId,
                List.copyOf(mentions), List.copyOf(hashtags), Tweets.permalink(user.username(), id), t.conversationId);
        CanonicalRules.check(post, now);
        return post;
    }

    private static String fullText(Tweet t) {
        String text = t.noteText != null ? t.noteText : t.text;
        return Tweets.unescape(Tweets.required(text, "text"));
    }
}
