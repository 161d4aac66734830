package io.outcry.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.RecordParser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Outcry's canonical post JSON (documented in {@code docs/post-schema.md}), both ways:
 * {@link #parse} validates strictly and says exactly what is wrong, {@link #write} produces
 * what {@link #parse} accepts.
 */
public final class CanonicalPostJson implements RecordParser<Post> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The first tweet was posted in March 2006: anything earlier is a broken clock or unit. */
    public static final Instant EARLIEST = Instant.parse("2006-03-21T00:00:00Z");
    /** Posts from the future would drag event time ahead and make every real post late. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(15);

    private final long maxFutureSkewMillis;

    public CanonicalPostJson() {
        this(DEFAULT_MAX_FUTURE_SKEW);
    }

    public CanonicalPostJson(Duration maxFutureSkew) {
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    @Override
    public Post parse(byte[] record) throws InvalidRecordException {
        JsonNode root;
        try {
            root = MAPPER.readTree(record);
        } catch (IOException e) {
            throw new InvalidRecordException("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException("expected a JSON object with the post's fields, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String id = requiredId(root, "id");
        String platform = requiredText(root, "platform");
        long createdAt = createdAt(root.get("created_at"));
        Author author = author(root.get("author"));
        String text = requiredText(root, "text", true);
        if (text.length() > Post.MAX_TEXT_LENGTH) {
            throw new InvalidRecordException("text has " + text.length() + " characters, more than the "
                    + Post.MAX_TEXT_LENGTH + " any platform allows");
        }
        String lang = optionalText(root, "lang");
        if (lang != null && !lang.matches("[a-z]{2,3}(-[A-Za-z0-9]+)?")) {
            throw new InvalidRecordException("lang '" + lang + "' is not an ISO 639 code such as 'it' or 'en'");
        }
        GeoPoint coordinates = point(root.get("coordinates"), "coordinates");
        Place place = place(root.get("place"));
        List<String> mentions = root.has("mentions") ? stringList(root.get("mentions"), "mentions") : PostText.mentions(text);
        List<String> hashtags = root.has("hashtags") ? stringList(root.get("hashtags"), "hashtags") : PostText.hashtags(text);
        return new Post(id, platform, createdAt, author, text, lang, coordinates, place,
                optionalId(root, "reply_to_id"), optionalId(root, "quoted_id"), optionalId(root, "retweeted_id"),
                mentions, hashtags, optionalText(root, "url"));
    }

    /** The canonical JSON of a post, as UTF-8 bytes. */
    public static byte[] write(Post post) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", post.id());
        root.put("platform", post.platform());
        root.put("created_at", Instant.ofEpochMilli(post.createdAt()).toString());
        ObjectNode author = root.putObject("author");
        author.put("id", post.author().id());
        author.put("handle", post.author().handle());
        if (post.author().followersKnown()) {
            author.put("followers", post.author().followers());
        }
        author.put("verified", post.author().verified());
        if (post.author().location() != null) {
            author.put("location", post.author().location());
        }
        root.put("text", post.text());
        putIfPresent(root, "lang", post.lang());
        if (post.coordinates() != null) {
            writePoint(root.putObject("coordinates"), post.coordinates());
        }
        if (post.place() != null) {
            ObjectNode place = root.putObject("place");
            place.put("name", post.place().name());
            putIfPresent(place, "country_code", post.place().countryCode());
            if (post.place().centre() != null) {
                writePoint(place.putObject("centre"), post.place().centre());
            }
        }
        putIfPresent(root, "reply_to_id", post.replyToId());
        putIfPresent(root, "quoted_id", post.quotedId());
        putIfPresent(root, "retweeted_id", post.retweetedId());
        ArrayNode mentions = root.putArray("mentions");
        post.mentions().forEach(mentions::add);
        ArrayNode hashtags = root.putArray("hashtags");
        post.hashtags().forEach(hashtags::add);
        putIfPresent(root, "url", post.url());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private long createdAt(JsonNode node) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing required field 'created_at' (ISO-8601 instant such as 2026-11-22T08:15:30Z, or epoch milliseconds)");
        }
        long millis;
        if (node.isIntegralNumber()) {
            millis = node.asLong();
        } else if (node.isTextual()) {
            try {
                millis = Instant.parse(node.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException("created_at '" + node.asText()
                        + "' is not an ISO-8601 instant such as 2026-11-22T08:15:30Z");
            }
        } else {
            throw new InvalidRecordException("created_at must be an ISO-8601 string or epoch milliseconds, got " + node);
        }
        if (millis < EARLIEST.toEpochMilli()) {
            throw new InvalidRecordException("created_at " + Instant.ofEpochMilli(millis)
                    + " is before social posts existed (seconds instead of milliseconds?)");
        }
        long latest = System.currentTimeMillis() + maxFutureSkewMillis;
        if (millis > latest) {
            throw new InvalidRecordException("created_at " + Instant.ofEpochMilli(millis)
                    + " is in the future (more than " + Duration.ofMillis(maxFutureSkewMillis).toMinutes()
                    + " min ahead of this machine's clock); check the producer's clock and time zone");
        }
        return millis;
    }

    private static Author author(JsonNode node) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing required field 'author' (object with id, handle, followers, verified)");
        }
        if (!node.isObject()) {
            throw new InvalidRecordException("author must be an object, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        String id = requiredId(node, "author.id", node.get("id"));
        String handle = requiredText(node, "handle", "author.handle", false);
        long followers = Author.UNKNOWN_FOLLOWERS;
        JsonNode f = node.get("followers");
        if (f != null && !f.isNull()) {
            if (!f.canConvertToLong() || !f.isIntegralNumber()) {
                throw new InvalidRecordException("author.followers must be a whole number, got " + f);
            }
            followers = f.asLong();
            if (followers < 0) {
                throw new InvalidRecordException("author.followers is " + followers + "; a follower count cannot be negative");
            }
        }
        JsonNode v = node.get("verified");
        if (v != null && !v.isNull() && !v.isBoolean()) {
            throw new InvalidRecordException("author.verified must be true or false, got " + v);
        }
        return new Author(id, handle, followers, v != null && v.asBoolean(), optionalText(node, "location"));
    }

    private static Place place(JsonNode node) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRecordException("place must be an object with name, country_code and centre");
        }
        String name = requiredText(node, "name", "place.name", false);
        String country = optionalText(node, "country_code");
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw new InvalidRecordException("place.country_code '" + country + "' is not an ISO 3166 alpha-2 code such as 'IT'");
        }
        return new Place(name, country == null ? null : country.toUpperCase(Locale.ROOT), point(node.get("centre"), "place.centre"));
    }

    private static GeoPoint point(JsonNode node, String field) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode lat = node.get("lat");
        JsonNode lon = node.get("lon");
        if (!node.isObject() || lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new InvalidRecordException(field + " must be an object {\"lat\": <number>, \"lon\": <number>}, got " + node);
        }
        GeoPoint point = new GeoPoint(lat.asDouble(), lon.asDouble());
        if (!point.isValid()) {
            throw new InvalidRecordException(field + " (" + point.lat() + ", " + point.lon()
                    + ") is outside the globe: lat must be in [-90, 90], lon in [-180, 180] (swapped?)");
        }
        return point;
    }

    private static List<String> stringList(JsonNode node, String field) throws InvalidRecordException {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidRecordException(field + " must be an array of strings, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidRecordException(field + " must hold only strings, found " + item);
            }
            String value = item.asText();
            values.add(stripPrefix(value).toLowerCase(Locale.ROOT));
        }
        return values;
    }

    private static String stripPrefix(String value) {
        return value.startsWith("#") || value.startsWith("@") ? value.substring(1) : value;
    }

    private static String requiredId(JsonNode root, String field) throws InvalidRecordException {
        return requiredId(root, field, root.get(field));
    }

    /** Ids may arrive as numbers (Twitter's v1 API) or strings; both become strings. */
    private static String requiredId(JsonNode parent, String field, JsonNode node) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing required field '" + field + "'");
        }
        if (node.isIntegralNumber() || (node.isTextual() && !node.asText().isBlank())) {
            return node.asText();
        }
        throw new InvalidRecordException(field + " must be a non-empty string or whole number, got " + node);
    }

    private static String optionalId(JsonNode root, String field) throws InvalidRecordException {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : requiredId(root, field, node);
    }

    private static String requiredText(JsonNode root, String field) throws InvalidRecordException {
        return requiredText(root, field, field, false);
    }

    private static String requiredText(JsonNode root, String field, boolean emptyAllowed) throws InvalidRecordException {
        return requiredText(root, field, field, emptyAllowed);
    }

    private static String requiredText(JsonNode parent, String field, String path, boolean emptyAllowed)
            throws InvalidRecordException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing required field '" + path + "'");
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(path + " must be a string, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        if (!emptyAllowed && node.asText().isBlank()) {
            throw new InvalidRecordException(path + " must not be empty");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode parent, String field) throws InvalidRecordException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(field + " must be a string, got " + node);
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void writePoint(ObjectNode node, GeoPoint point) {
        node.put("lat", point.lat());
        node.put("lon", point.lon());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
