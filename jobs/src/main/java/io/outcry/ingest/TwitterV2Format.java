package io.outcry.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.outcry.post.Author;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 *   <li>Each {@code errors} entry is a record too, counted as a control message, never fatal;
 *       so is a response that is a whole-request problem or holds no data. A compliance
 *       {@code {"data": {"delete": {"tweet": {...}}}}} event is a {@link Deletion}.
 * </ul>
 */
public final class TwitterV2Format implements PlatformFormat {

    public static final String NAME = "twitter-v2";
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        Response response = new Response();
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                out.deadLetter("expected an X API v2 response, a JSON object, got "
                        + (p.currentToken() == null ? "nothing" : p.currentToken().asString()));
                return 1;
            }
            readResponse(p, response);
            if (p.nextToken() != null) {
                throw new Unmappable("more than one JSON value on the line");
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            out.deadLetter("not valid JSON: " + e.getOriginalMessage());
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        long now = System.currentTimeMillis();
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

    private static void readResponse(JsonParser p, Response r) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "data" -> {
                    JsonToken token = p.nextToken();
                    if (token == JsonToken.START_OBJECT) {
                        r.data.add(readTweet(p, new Tweet(), "data."));
                    } else if (token == JsonToken.START_ARRAY) {
                        r.dataIsArray = true;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            r.data.add(readTweet(p, new Tweet(), "data[" + r.data.size() + "]."));
                        }
                    } else if (token != JsonToken.VALUE_NULL) {
                        throw new Unmappable("data must be a tweet object or an array of them");
                    }
                }
                case "includes" -> {
                    if (JsonValues.object(p, field)) {
                        readIncludes(p, r);
                    }
                }
                case "errors" -> {
                    if (JsonValues.array(p, field)) {
                        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                            p.skipChildren();
                            r.errors++;
                        }
                    }
                }
                case "meta" -> {
                    r.meta = true;
                    JsonValues.skip(p);
                }
                case "title", "type" -> {
                    r.problem = true;
                    JsonValues.skip(p);
                }
                default -> JsonValues.skip(p);
            }
        }
    }

    private static void readIncludes(JsonParser p, Response r) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            String path = "includes." + field;
            switch (field) {
                case "users" -> {
                    if (JsonValues.array(p, path)) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readUser(p, r.users, path + "[]");
                        }
                    }
                }
                case "tweets" -> {
                    if (JsonValues.array(p, path)) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Tweet tweet = readTweet(p, new Tweet(), path + "[].");
                            if (tweet.id != null) {
                                r.tweets.put(tweet.id, tweet);
                            }
                        }
                    }
                }
                case "places" -> {
                    if (JsonValues.array(p, path)) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readPlace(p, r.places, path + "[]");
                        }
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
    }

    private static Tweet readTweet(JsonParser p, Tweet t, String path) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id" -> t.id = JsonValues.id(p, path + field);
                case "text" -> t.text = JsonValues.string(p, path + field);
                case "author_id" -> t.authorId = JsonValues.id(p, path + field);
                case "created_at" -> t.createdAt = JsonValues.string(p, path + field);
                case "lang" -> t.lang = JsonValues.string(p, path + field);
                case "referenced_tweets" -> readReferences(p, t, path + field);
                case "entities" -> {
                    if (JsonValues.object(p, path + field)) {
                        readEntities(p, t.mentions, t.hashtags, path + field + ".");
                    }
                }
                case "note_tweet" -> {
                    if (JsonValues.object(p, path + field)) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            if (inner.equals("text")) {
                                t.noteText = JsonValues.string(p, path + "note_tweet.text");
                            } else if (inner.equals("entities") && JsonValues.object(p, path + "note_tweet.entities")) {
                                readEntities(p, t.noteMentions, t.noteHashtags, path + "note_tweet.entities.");
                            } else if (!inner.equals("entities")) {
                                JsonValues.skip(p);
                            }
                        }
                    }
                }
                case "geo" -> {
                    if (JsonValues.object(p, path + field)) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            if (inner.equals("place_id")) {
                                t.placeId = JsonValues.id(p, path + "geo.place_id");
                            } else if (inner.equals("coordinates") && JsonValues.object(p, path + "geo.coordinates")) {
                                t.coordinates = TwitterV1Format.readPoint(p, path + "geo.coordinates");
                            } else if (!inner.equals("coordinates")) {
                                JsonValues.skip(p);
                            }
                        }
                    }
                }
                case "delete" -> {
                    if (JsonValues.object(p, path + field)) {
                        t.deletion = readDelete(p, path + field + ".");
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
        return t;
    }

    private static void readReferences(JsonParser p, Tweet t, String path) throws IOException {
        if (!JsonValues.array(p, path)) {
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String type = null;
            String id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                switch (p.currentName()) {
                    case "type" -> type = JsonValues.string(p, path + "[].type");
                    case "id" -> id = JsonValues.id(p, path + "[].id");
                    default -> JsonValues.skip(p);
                }
            }
            if (type != null) {
                switch (type) {
                    case "retweeted" -> t.retweetedId = id;
                    case "quoted" -> t.quotedId = id;
                    case "replied_to" -> t.replyToId = id;
                    default -> { }
                }
            }
        }
    }

    private static void readEntities(JsonParser p, List<String> mentions, List<String> hashtags, String path)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("mentions")) {
                TwitterV1Format.readNames(p, mentions, "username", path + field);
            } else if (field.equals("hashtags")) {
                TwitterV1Format.readNames(p, hashtags, "tag", path + field);
            } else {
                JsonValues.skip(p);
            }
        }
    }

    private static void readUser(JsonParser p, Map<String, User> users, String path) throws IOException {
        String id = null;
        String username = null;
        long followers = 0;
        boolean verified = false;
        String location = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id" -> id = JsonValues.id(p, path + ".id");
                case "username" -> username = JsonValues.string(p, path + ".username");
                case "verified" -> verified = JsonValues.bool(p, path + ".verified");
                case "location" -> location = JsonValues.string(p, path + ".location");
                case "public_metrics" -> {
                    if (JsonValues.object(p, path + ".public_metrics")) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            if (p.currentName().equals("followers_count")) {
                                followers = JsonValues.wholeNumber(p, path + ".public_metrics.followers_count");
                            } else {
                                JsonValues.skip(p);
                            }
                        }
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
        if (id != null) {
            users.put(id, new User(username, followers, verified, location));
        }
    }

    private static void readPlace(JsonParser p, Map<String, Place> places, String path) throws IOException {
        String id = null;
        String name = null;
        String country = null;
        GeoPoint centre = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id" -> id = JsonValues.id(p, path + ".id");
                case "full_name" -> name = JsonValues.string(p, path + ".full_name");
                case "country_code" -> country = JsonValues.string(p, path + ".country_code");
                case "geo" -> {
                    if (JsonValues.object(p, path + ".geo")) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            if (p.currentName().equals("bbox") && JsonValues.array(p, path + ".geo.bbox")) {
                                double[] c = JsonValues.boxCentre(p, path + ".geo.bbox");
                                centre = c == null ? null : Tweets.point(c[0], c[1], path + ".geo.bbox");
                            } else if (!p.currentName().equals("bbox")) {
                                JsonValues.skip(p);
                            }
                        }
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
        if (id != null && name != null && !name.isBlank()) {
            places.put(id, new Place(name, country == null || country.isBlank() ? null : country.toUpperCase(Locale.ROOT), centre));
        }
    }

    /** A compliance event: {@code {"tweet": {"id", "author_id"}, "event_at"}}. */
    private static Deletion readDelete(JsonParser p, String path) throws IOException {
        String id = null;
        String authorId = null;
        long at = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("tweet") && JsonValues.object(p, path + "tweet")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    switch (p.currentName()) {
                        case "id" -> id = JsonValues.id(p, path + "tweet.id");
                        case "author_id" -> authorId = JsonValues.id(p, path + "tweet.author_id");
                        default -> JsonValues.skip(p);
                    }
                }
            } else if (field.equals("event_at")) {
                String value = JsonValues.string(p, path + "event_at");
                at = value == null ? -1 : Tweets.isoDate(value, path + "event_at");
            } else if (!field.equals("tweet")) {
                JsonValues.skip(p);
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
        if (user.followers() < 0) {
            throw new Unmappable("includes.users public_metrics.followers_count is " + user.followers()
                    + "; a follower count cannot be negative");
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
                List.copyOf(mentions), List.copyOf(hashtags), Tweets.permalink(user.username(), id));
        Tweets.checkCanonical(post, now);
        return post;
    }

    private static String fullText(Tweet t) {
        String text = t.noteText != null ? t.noteText : t.text;
        return Tweets.unescape(Tweets.required(text, "text"));
    }
}
