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
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                out.deadLetter("expected a v1.1 status or stream message, a JSON object, got "
                        + (p.currentToken() == null ? "nothing" : p.currentToken().asString()));
                return 1;
            }
            Status status = new Status();
            String control = readStatus(p, status, "", true);
            if (p.nextToken() != null) {
                out.deadLetter("more than one JSON value on the line");
            } else if (control != null) {
                if (status.deletion != null) {
                    out.deletion(status.deletion);
                } else {
                    out.control(control);
                }
            } else {
                out.post(post(status));
            }
        } catch (Unmappable e) {
            out.deadLetter(e.getMessage());
        } catch (JsonProcessingException e) {
            out.deadLetter("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
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
        long followers;
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
    private static String readStatus(JsonParser p, Status s, String path, boolean topLevel) throws IOException {
        String control = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id_str" -> s.id = JsonValues.id(p, path + field);
                case "id" -> {
                    String id = JsonValues.id(p, path + field);
                    if (s.id == null) {
                        s.id = id;
                    }
                }
                case "created_at" -> s.createdAt = JsonValues.string(p, path + field);
                case "timestamp_ms" -> s.timestampMs = JsonValues.id(p, path + field);
                case "text" -> s.text = JsonValues.string(p, path + field);
                case "full_text" -> s.fullText = JsonValues.string(p, path + field);
                case "extended_tweet" -> {
                    if (JsonValues.object(p, path + field)) {
                        readExtended(p, s, path + field + ".");
                    }
                }
                case "entities" -> {
                    if (JsonValues.object(p, path + field)) {
                        readEntities(p, s.mentions, s.hashtags, path + field + ".");
                    }
                }
                case "retweeted_status" -> {
                    if (JsonValues.object(p, path + field)) {
                        s.retweeted = new Status();
                        readStatus(p, s.retweeted, path + field + ".", false);
                    }
                }
                case "quoted_status_id_str" -> s.quotedId = JsonValues.id(p, path + field);
                case "in_reply_to_status_id_str" -> s.replyToId = JsonValues.id(p, path + field);
                case "user" -> {
                    if (JsonValues.object(p, path + field)) {
                        readUser(p, s, path + field + ".");
                    }
                }
                case "coordinates" -> {
                    if (JsonValues.object(p, path + field)) {
                        s.coordinates = readPoint(p, path + field);
                    }
                }
                case "place" -> {
                    if (JsonValues.object(p, path + field)) {
                        readPlace(p, s, path + field + ".");
                    }
                }
                case "lang" -> s.lang = JsonValues.string(p, path + field);
                case "delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning" -> {
                    if (!topLevel) {
                        JsonValues.skip(p);
                    } else {
                        control = field;
                        if (field.equals("delete") && JsonValues.object(p, field)) {
                            s.deletion = readDelete(p);
                        } else {
                            p.nextToken();
                            p.skipChildren();
                        }
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
        return control;
    }

    private static void readExtended(JsonParser p, Status s, String path) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("full_text")) {
                s.extendedText = JsonValues.string(p, path + field);
            } else if (field.equals("entities") && JsonValues.object(p, path + field)) {
                readEntities(p, s.extendedMentions, s.extendedHashtags, path + field + ".");
            } else if (!field.equals("entities")) {
                JsonValues.skip(p);
            }
        }
    }

    private static void readEntities(JsonParser p, List<String> mentions, List<String> hashtags, String path)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("user_mentions")) {
                readNames(p, mentions, "screen_name", path + field);
            } else if (field.equals("hashtags")) {
                readNames(p, hashtags, "text", path + field);
            } else {
                JsonValues.skip(p);
            }
        }
    }

    /** Collects one string field of every object in an array, lower-cased. */
    static void readNames(JsonParser p, List<String> names, String name, String path) throws IOException {
        if (!JsonValues.array(p, path)) {
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals(name)) {
                    String value = JsonValues.string(p, path + "[]." + name);
                    if (value != null) {
                        names.add(value.toLowerCase(Locale.ROOT));
                    }
                } else {
                    JsonValues.skip(p);
                }
            }
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new Unmappable(path + " must be an array of objects");
        }
    }

    private static void readUser(JsonParser p, Status s, String path) throws IOException {
        s.hasUser = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id_str" -> s.userId = JsonValues.id(p, path + field);
                case "id" -> {
                    String id = JsonValues.id(p, path + field);
                    if (s.userId == null) {
                        s.userId = id;
                    }
                }
                case "screen_name" -> s.handle = JsonValues.string(p, path + field);
                case "followers_count" -> s.followers = JsonValues.wholeNumber(p, path + field);
                case "verified" -> s.verified = JsonValues.bool(p, path + field);
                case "location" -> s.location = JsonValues.string(p, path + field);
                default -> JsonValues.skip(p);
            }
        }
    }

    /** A GeoJSON point: {@code {"type": "Point", "coordinates": [lon, lat]}}. */
    static GeoPoint readPoint(JsonParser p, String path) throws IOException {
        GeoPoint point = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals("coordinates") && JsonValues.array(p, path + ".coordinates")) {
                double lon = JsonValues.number(p, path + ".coordinates[0]");
                double lat = JsonValues.number(p, path + ".coordinates[1]");
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw new Unmappable(path + ".coordinates must be [lon, lat]");
                }
                point = Tweets.point(lat, lon, path);
            } else if (!p.currentName().equals("coordinates")) {
                JsonValues.skip(p);
            }
        }
        return point;
    }

    private static void readPlace(JsonParser p, Status s, String path) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "full_name" -> s.placeName = JsonValues.string(p, path + field);
                case "country_code" -> s.countryCode = JsonValues.string(p, path + field);
                case "bounding_box" -> {
                    if (JsonValues.object(p, path + field)) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            if (p.currentName().equals("coordinates") && JsonValues.array(p, path + field + ".coordinates")) {
                                double[] centre = JsonValues.boxCentre(p, path + field + ".coordinates");
                                s.placeCentre = centre == null ? null : Tweets.point(centre[0], centre[1], path + field);
                            } else if (!p.currentName().equals("coordinates")) {
                                JsonValues.skip(p);
                            }
                        }
                    }
                }
                default -> JsonValues.skip(p);
            }
        }
    }

    /** {@code {"delete": {"status": {"id_str", "user_id_str"}, "timestamp_ms"}}}, the parser inside the outer object. */
    private static Deletion readDelete(JsonParser p) throws IOException {
        String id = null;
        String userId = null;
        long at = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (field.equals("status") && JsonValues.object(p, "delete.status")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    switch (p.currentName()) {
                        case "id_str" -> id = JsonValues.id(p, "delete.status.id_str");
                        case "id" -> {
                            String numeric = JsonValues.id(p, "delete.status.id");
                            id = id == null ? numeric : id;
                        }
                        case "user_id_str" -> userId = JsonValues.id(p, "delete.status.user_id_str");
                        case "user_id" -> {
                            String numeric = JsonValues.id(p, "delete.status.user_id");
                            userId = userId == null ? numeric : userId;
                        }
                        default -> JsonValues.skip(p);
                    }
                }
            } else if (field.equals("timestamp_ms")) {
                at = millis(JsonValues.id(p, "delete.timestamp_ms"), "delete.timestamp_ms");
            } else if (!field.equals("status")) {
                JsonValues.skip(p);
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

    private static Post post(Status s) {
        String id = Tweets.required(s.id, "id_str");
        if (!s.hasUser) {
            throw new Unmappable("user is missing: a status names its author in 'user'");
        }
        String handle = Tweets.required(s.handle, "user.screen_name");
        String userId = Tweets.required(s.userId, "user.id_str");
        if (s.followers < 0) {
            throw new Unmappable("user.followers_count is " + s.followers + "; a follower count cannot be negative");
        }
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
        Post post = new Post(id, Tweets.PLATFORM, time,
                new Author(userId, handle, s.followers, s.verified, s.location == null || s.location.isBlank() ? null : s.location),
                text, Tweets.lang(s.lang), s.coordinates,
                placeName == null ? null : new Place(placeName, country, s.placeCentre),
                retweetedId == null ? s.replyToId : null, retweetedId == null ? s.quotedId : null, retweetedId,
                List.copyOf(mentions), List.copyOf(hashtags), Tweets.permalink(handle, id));
        Tweets.checkCanonical(post, System.currentTimeMillis());
        return post;
    }

    private static String fullText(Status s, String path) {
        String text = s.extendedText != null ? s.extendedText : s.fullText != null ? s.fullText : s.text;
        return Tweets.unescape(Tweets.required(text, path + "text"));
    }
}
