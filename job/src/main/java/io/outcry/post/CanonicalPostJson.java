package io.outcry.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.RecordParser;
import io.outcry.time.IsoInstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
    /**
     * A key given twice or bytes after the object are refused rather than read as the last key
     * wins or as nothing: either means the producer is broken, and guessing hides it.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** How much of a wrong value a reason quotes: enough to recognise it, never the whole 1 MB. */
    private static final int SHOWN = 60;
    /** The first tweet was posted in March 2006: anything earlier is a broken clock or unit. */
    public static final Instant EARLIEST = Instant.parse("2006-03-21T00:00:00Z");
    private static final long EARLIEST_MILLIS = EARLIEST.toEpochMilli();
    /**
     * Posts from the future would drag event time ahead and make every real post late. Shorter
     * than the job's 5-minute allowed lateness, so a post from the furthest future allowed still
     * leaves the real posts behind it in time to be counted.
     */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(2);

    private final long maxFutureSkewMillis;
    /** Judges a date from a file or a command line: the only wall clock that decides anything here. */
    private final Clock clock;

    public CanonicalPostJson() {
        this(DEFAULT_MAX_FUTURE_SKEW);
    }

    public CanonicalPostJson(Duration maxFutureSkew) {
        this(maxFutureSkew, Clock.systemUTC());
    }

    public CanonicalPostJson(Duration maxFutureSkew, Clock clock) {
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
        this.clock = clock;
    }

    /** Parses a post from a file or a command line: a date in the future is judged against this machine's clock. */
    @Override
    public Post parse(byte[] record) throws InvalidRecordException {
        return parse(record, clock.millis(), false, 0);
    }

    /**
     * Parses a post read from Kafka: a date in the future is judged against the time the record
     * was written, not this machine's clock, so a replay refuses exactly what the first run did.
     * A record without a timestamp is not judged.
     */
    @Override
    public Post parse(byte[] record, long recordTimestamp) throws InvalidRecordException {
        return parse(record, recordTimestamp < 0 ? Long.MAX_VALUE - maxFutureSkewMillis : recordTimestamp, true, recordTimestamp);
    }

    /**
     * @param fromKafka whether {@code now} is the Kafka record's timestamp {@code writtenAt}
     *                  rather than this machine's clock
     */
    private Post parse(byte[] record, long now, boolean fromKafka, long writtenAt) throws InvalidRecordException {
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
        long createdAt = createdAt(root.get("created_at"), now, fromKafka, writtenAt);
        Author author = author(root.get("author"));
        String text = requiredText(root, "text", true);
        if (text.length() > Post.MAX_TEXT_LENGTH) {
            throw new InvalidRecordException("text has " + text.length() + " characters, more than the "
                    + Post.MAX_TEXT_LENGTH + " any platform allows");
        }
        String lang = optionalText(root, "lang");
        if (lang != null && !isLanguageCode(lang)) {
            throw new InvalidRecordException("lang '" + lang + "' is not an ISO 639 code such as 'it' or 'en'");
        }
        GeoPoint coordinates = point(root.get("coordinates"), "coordinates");
        Place place = place(root.get("place"));
        List<String> mentions = root.has("mentions") ? stringList(root.get("mentions"), "mentions") : PostText.mentions(text, platform);
        List<String> hashtags = root.has("hashtags") ? stringList(root.get("hashtags"), "hashtags") : PostText.hashtags(text);
        return new Post(id, platform, createdAt, author, text, lang, coordinates, place,
                optionalId(root, "reply_to_id"), optionalId(root, "quoted_id"), optionalId(root, "retweeted_id"),
                mentions, hashtags, optionalText(root, "url", Post.MAX_URL_LENGTH), optionalId(root, "conversation_id"));
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
        putIfPresent(root, "conversation_id", post.conversationId());
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

    private long createdAt(JsonNode node, long now, boolean fromKafka, long writtenAt) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing required field 'created_at' (ISO-8601 instant such as 2026-11-22T08:15:30Z, or epoch milliseconds)");
        }
        long millis;
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidRecordException("created_at " + shown(node) + " is too large for epoch milliseconds");
            }
            millis = node.asLong();
        } else if (node.isTextual()) {
            millis = IsoInstants.parseMillis(node.asText());
            if (millis == IsoInstants.UNUSUAL) {
                millis = parseInstant(node.asText());
            }
        } else {
            throw new InvalidRecordException("created_at must be an ISO-8601 string or epoch milliseconds, got " + shown(node));
        }
        if (millis < EARLIEST_MILLIS) {
            throw new InvalidRecordException("created_at " + Instant.ofEpochMilli(millis)
                    + " is before social posts existed (seconds instead of milliseconds?)");
        }
        if (millis > now + maxFutureSkewMillis) {
            throw new InvalidRecordException("created_at " + Instant.ofEpochMilli(millis)
                    + " is in the future: more than " + Duration.ofMillis(maxFutureSkewMillis).toMinutes()
                    + " min ahead of " + clock(fromKafka, writtenAt));
        }
        return millis;
    }

    /** What {@code now} was judged against, said only when a post is refused: most records are not. */
    private static String clock(boolean fromKafka, long writtenAt) {
        return fromKafka
                ? "the time it was written to Kafka (" + Instant.ofEpochMilli(Math.max(0, writtenAt))
                        + "); check the producer's clock and time zone"
                : "this machine's clock; check the producer's clock and time zone";
    }

    /** Every ISO-8601 shape that {@link IsoInstants#parseMillis} leaves aside, and every wrong date. */
    private static long parseInstant(String text) throws InvalidRecordException {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("created_at '" + shown(text)
                    + "' is not an ISO-8601 instant such as 2026-11-22T08:15:30Z");
        } catch (ArithmeticException e) {
            // an instant can reach the year 1,000,000,000; epoch milliseconds only about 292,000,000
            throw new InvalidRecordException("created_at '" + shown(text) + "' is too far from 1970 for epoch milliseconds");
        }
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
                throw new InvalidRecordException("author.followers must be a whole number, got " + shown(f));
            }
            followers = f.asLong();
            if (followers < 0) {
                throw new InvalidRecordException("author.followers is " + followers + "; a follower count cannot be negative");
            }
            if (followers > Author.MAX_FOLLOWERS) {
                throw new InvalidRecordException("author.followers is " + followers + ", more people than there are");
            }
        }
        JsonNode v = node.get("verified");
        if (v != null && !v.isNull() && !v.isBoolean()) {
            throw new InvalidRecordException("author.verified must be true or false, got " + shown(v));
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
        if (country != null && !isCountryCode(country)) {
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
            throw new InvalidRecordException(field + " must be an object {\"lat\": <number>, \"lon\": <number>}, got " + shown(node));
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
        if (node.size() > Post.MAX_TAGS) {
            throw new InvalidRecordException(field + " has " + node.size() + " entries, more than the " + Post.MAX_TAGS
                    + " a post can hold");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidRecordException(field + " must hold only strings, found " + shown(item));
            }
            String value = bounded(field, item.asText(), Post.MAX_NAME_LENGTH);
            values.add(stripPrefix(value).toLowerCase(Locale.ROOT));
        }
        return values;
    }

    /** {@code [a-z]{2,3}(-[A-Za-z0-9]+)?}, without a regex: every post with a language passes here. */
    static boolean isLanguageCode(String lang) {
        int n = lang.length();
        int letters = 0;
        while (letters < n && letters < 3 && isLower(lang.charAt(letters))) {
            letters++;
        }
        if (letters < 2) {
            return false;
        }
        if (letters == n) {
            return true;
        }
        if (lang.charAt(letters) != '-' || letters + 1 == n) {
            return false;
        }
        for (int i = letters + 1; i < n; i++) {
            char c = lang.charAt(i);
            if (!isLower(c) && !isUpper(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z]{2}}. */
    static boolean isCountryCode(String country) {
        return country.length() == 2 && isAsciiLetter(country.charAt(0)) && isAsciiLetter(country.charAt(1));
    }

    private static boolean isAsciiLetter(char c) {
        return isLower(c) || isUpper(c);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
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
            String id = bounded(field, node.asText(), Post.MAX_ID_LENGTH);
            // a char takes at most 3 bytes in UTF-8 (a surrogate pair 4 for 2): short ids need no encoding
            int bytes = id.length() * 3 <= Post.MAX_ID_LENGTH ? 0 : id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Post.MAX_ID_LENGTH) {
                throw new InvalidRecordException(field + " takes " + bytes + " bytes in UTF-8, more than the " + Post.MAX_ID_LENGTH
                        + " an index's document ids leave it: '" + shown(id) + "'");
            }
            return id;
        }
        throw new InvalidRecordException(field + " must be a non-empty string or whole number, got " + shown(node));
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
        return emptyAllowed ? node.asText() : bounded(path, node.asText(), Post.MAX_NAME_LENGTH);
    }

    private static String optionalText(JsonNode parent, String field) throws InvalidRecordException {
        return optionalText(parent, field, Post.MAX_NAME_LENGTH);
    }

    private static String optionalText(JsonNode parent, String field, int maxLength) throws InvalidRecordException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(field + " must be a string, got " + shown(node));
        }
        return node.asText().isBlank() ? null : bounded(field, node.asText(), maxLength);
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

    /**
     * The value, when it fits the field: ids, handles and names go into document ids and keyword
     * fields, which Elasticsearch refuses past 512 bytes and 32 KB, and control characters in
     * them are never a real platform's.
     */
    private static String bounded(String field, String value, int maxLength) throws InvalidRecordException {
        if (value.length() > maxLength) {
            throw new InvalidRecordException(field + " has " + value.length() + " characters, more than the " + maxLength
                    + " any platform uses: '" + shown(value) + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRecordException(field + " holds control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) value.charAt(i)) + " at " + i);
            }
        }
        return value;
    }

    private static String shown(JsonNode node) {
        return shown(node.toString());
    }

    private static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "… (" + value.length() + " characters)";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
