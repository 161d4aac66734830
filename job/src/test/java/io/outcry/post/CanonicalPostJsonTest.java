package io.outcry.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.kafka.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPostJsonTest {

    private final CanonicalPostJson parser = new CanonicalPostJson();

    private Post parse(String json) throws InvalidRecordException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String MINIMAL = """
            {"id": "42", "platform": "twitter", "created_at": "2026-11-20T18:42:07.120Z",
             "author": {"id": "7", "handle": "giulia_r"}, "text": "ciao"}""";

    @Test
    void readsTheDocumentedExample() throws Exception {
        Post post = parse("""
                {
                  "id": "1862345098765432101",
                  "platform": "twitter",
                  "created_at": "2026-11-20T18:42:07.120Z",
                  "author": {"id": "9812731", "handle": "giulia_r", "followers": 312, "verified": false, "location": "Napoli"},
                  "text": "@tim_official ancora senza linea a Napoli, è una vergogna #timdown",
                  "lang": "it",
                  "coordinates": {"lat": 40.8518, "lon": 14.2681},
                  "place": {"name": "Napoli", "country_code": "it", "centre": {"lat": 40.8518, "lon": 14.2681}},
                  "reply_to_id": null, "quoted_id": null, "retweeted_id": null,
                  "mentions": ["tim_official"], "hashtags": ["timdown"]
                }""");

        assertThat(post.id()).isEqualTo("1862345098765432101");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-11-20T18:42:07.120Z").toEpochMilli());
        assertThat(post.author()).isEqualTo(new Author("9812731", "giulia_r", 312, false, "Napoli"));
        assertThat(post.lang()).isEqualTo("it");
        assertThat(post.coordinates()).isEqualTo(new GeoPoint(40.8518, 14.2681));
        assertThat(post.place()).isEqualTo(new Place("Napoli", "IT", new GeoPoint(40.8518, 14.2681)));
        assertThat(post.isRetweet()).isFalse();
        assertThat(post.isReply()).isFalse();
        assertThat(post.mentions()).containsExactly("tim_official");
        assertThat(post.hashtags()).containsExactly("timdown");
    }

    @Test
    void defaultsTheOptionalFieldsOfAMinimalPost() throws Exception {
        Post post = parse(MINIMAL);

        assertThat(post.author().followersKnown()).as("an absent follower count is unknown, not 0").isFalse();
        assertThat(post.author().verified()).isFalse();
        assertThat(post.author().location()).isNull();
        assertThat(post.lang()).isNull();
        assertThat(post.coordinates()).isNull();
        assertThat(post.place()).isNull();
        assertThat(post.mentions()).isEmpty();
        assertThat(post.hashtags()).isEmpty();
    }

    @Test
    void acceptsNumericIdsAndEpochMillis() throws Exception {
        Post post = parse("""
                {"id": 1862345098765432101, "platform": "twitter", "created_at": 1795200000000,
                 "author": {"id": 9812731, "handle": "g"}, "text": "x", "retweeted_id": 1862345098765432000,
                 "reply_to_id": 55}""");

        assertThat(post.id()).isEqualTo("1862345098765432101");
        assertThat(post.author().id()).isEqualTo("9812731");
        assertThat(post.createdAt()).isEqualTo(1_795_200_000_000L);
        assertThat(post.retweetedId()).isEqualTo("1862345098765432000");
        assertThat(post.replyToId()).isEqualTo("55");
        assertThat(post.isRetweet()).isTrue();
        assertThat(post.isReply()).isTrue();
    }

    @Test
    void takesMentionsAndHashtagsFromTheTextWhenTheFieldsAreAbsent() throws Exception {
        Post post = parse("""
                {"id": "1", "platform": "mastodon", "created_at": "2026-11-20T18:42:07Z",
                 "author": {"id": "7", "handle": "g"}, "text": "@Vodafone_IT di nuovo #SenzaRete e #5G_down"}""");

        assertThat(post.mentions()).containsExactly("vodafone_it");
        assertThat(post.hashtags()).containsExactly("senzarete", "5g_down");
    }

    @Test
    void takesNoHashtagThatIsOnlyDigits() throws Exception {
        Post post = parse(MINIMAL.replace("\"ciao\"", "\"numero #1 e #2026, ma #5G giù\""));

        assertThat(post.hashtags()).containsExactly("5g");
    }

    @Test
    void normalisesGivenMentionsAndHashtags() throws Exception {
        Post post = parse("""
                {"id": "1", "platform": "bluesky", "created_at": "2026-11-20T18:42:07Z",
                 "author": {"id": "7", "handle": "g"}, "text": "", "mentions": ["@TIM"], "hashtags": ["#Down", "outage"]}""");

        assertThat(post.text()).isEmpty();
        assertThat(post.mentions()).containsExactly("tim");
        assertThat(post.hashtags()).containsExactly("down", "outage");
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        Post post = parse(MINIMAL.replace("\"text\": \"ciao\"", "\"text\": \"ciao\", \"favourites\": 3, \"extra\": {\"a\": 1}"));

        assertThat(post.text()).isEqualTo("ciao");
    }

    @Test
    void writesWhatItReadsBack() throws Exception {
        Post original = new Post("99", "twitter", 1_795_200_000_123L,
                new Author("7", "giulia_r", 312, true, "Napoli"), "giù la rete #timdown @tim", "it",
                new GeoPoint(40.85, 14.26), new Place("Napoli", "IT", new GeoPoint(40.8, 14.2)),
                "98", "97", "96", List.of("tim"), List.of("timdown"));

        assertThat(parser.parse(CanonicalPostJson.write(original))).isEqualTo(original);
    }

    @Test
    void writesAMinimalPostThatReadsBackEqual() throws Exception {
        Post minimal = parse(MINIMAL);

        assertThat(parser.parse(CanonicalPostJson.write(minimal))).isEqualTo(minimal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                | {"id": "1",                                                        | not valid JSON
            an array                | [1, 2]                                                             | expected a JSON object
            no id                   | {"platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x"} | missing required field 'id'
            blank id                | {"id": " ", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x"} | id must be a non-empty string
            no platform             | {"id": "1", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x"} | missing required field 'platform'
            no created_at           | {"id": "1", "platform": "t", "author": {"id": "7", "handle": "g"}, "text": "x"} | missing required field 'created_at'
            created_at not a date   | {"id": "1", "platform": "t", "created_at": "yesterday", "author": {"id": "7", "handle": "g"}, "text": "x"} | is not an ISO-8601 instant
            created_at a boolean    | {"id": "1", "platform": "t", "created_at": true, "author": {"id": "7", "handle": "g"}, "text": "x"} | created_at must be an ISO-8601 string or epoch milliseconds
            created_at in 1970      | {"id": "1", "platform": "t", "created_at": 1795200000, "author": {"id": "7", "handle": "g"}, "text": "x"} | before social posts existed
            created_at far future   | {"id": "1", "platform": "t", "created_at": "2999-01-01T00:00:00Z", "author": {"id": "7", "handle": "g"}, "text": "x"} | is in the future
            no author               | {"id": "1", "platform": "t", "created_at": 1795200000000, "text": "x"} | missing required field 'author'
            author a string         | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": "g", "text": "x"} | author must be an object
            no author id            | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"handle": "g"}, "text": "x"} | missing required field 'author.id'
            no author handle        | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7"}, "text": "x"} | missing required field 'author.handle'
            negative followers      | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g", "followers": -3}, "text": "x"} | author.followers is -3; a follower count cannot be negative
            fractional followers    | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g", "followers": 1.5}, "text": "x"} | author.followers must be a whole number
            followers as text       | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g", "followers": "12"}, "text": "x"} | author.followers must be a whole number
            verified as text        | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g", "verified": "yes"}, "text": "x"} | author.verified must be true or false
            no text                 | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}} | missing required field 'text'
            text a number           | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": 5} | text must be a string
            lang not ISO            | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "lang": "Italian"} | is not an ISO 639 code
            latitude 123            | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "coordinates": {"lat": 123, "lon": 14}} | is outside the globe
            longitude 200           | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "coordinates": {"lat": 40, "lon": 200}} | is outside the globe
            coordinates as text     | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "coordinates": {"lat": "40", "lon": 14}} | coordinates must be an object
            place without name      | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "place": {"country_code": "IT"}} | missing required field 'place.name'
            place bad country       | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "place": {"name": "Roma", "country_code": "ITA"}} | is not an ISO 3166 alpha-2 code
            place centre off globe  | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "place": {"name": "Roma", "centre": {"lat": 41, "lon": -190}}} | place.centre
            mentions not an array   | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "mentions": "tim"} | mentions must be an array of strings
            hashtags with a number  | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "hashtags": ["down", 5]} | hashtags must hold only strings
            a key given twice       | {"id": "1", "id": "2", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x"} | Duplicate field 'id'
            bytes after the object  | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x"} {} | not valid JSON
            created_at past millis  | {"id": "1", "platform": "t", "created_at": "+999999999-12-31T23:59:59Z", "author": {"id": "7", "handle": "g"}, "text": "x"} | is too far from 1970 for epoch milliseconds
            created_at past a long  | {"id": "1", "platform": "t", "created_at": 99999999999999999999, "author": {"id": "7", "handle": "g"}, "text": "x"} | created_at 99999999999999999999 is too large
            latitude 1e400          | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g"}, "text": "x", "coordinates": {"lat": 1e400, "lon": 14}} | is outside the globe
            followers past people   | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g", "followers": 9223372036854775807}, "text": "x"} | more people than there are
            a control character     | {"id": "1", "platform": "t", "created_at": 1795200000000, "author": {"id": "7", "handle": "g\\u0000"}, "text": "x"} | author.handle holds control character U+0000
            """)
    void rejectsWithAReasonThatNamesTheProblem(String shape, String json, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsTextLongerThanAnyPlatformAllows() {
        String json = MINIMAL.replace("\"ciao\"", "\"" + "a".repeat(Post.MAX_TEXT_LENGTH + 1) + "\"");

        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("text has 10001 characters");
    }

    @Test
    void acceptsTextOfExactlyTheLongestLength() throws Exception {
        String json = MINIMAL.replace("\"ciao\"", "\"" + "a".repeat(Post.MAX_TEXT_LENGTH) + "\"");

        assertThat(parse(json).text()).hasSize(Post.MAX_TEXT_LENGTH);
    }

    @Test
    void acceptsPostsWithinTheConfiguredClockSkewOfThisMachinesClockOnly() throws Exception {
        byte[] json = MINIMAL.getBytes(StandardCharsets.UTF_8); // created 2026-11-20T18:42:07.120Z
        Clock aMinuteBefore = Clock.fixed(Instant.parse("2026-11-20T18:41:07.120Z"), ZoneOffset.UTC);
        Clock threeMinutesBefore = Clock.fixed(Instant.parse("2026-11-20T18:39:07.120Z"), ZoneOffset.UTC);

        assertThat(new CanonicalPostJson(Duration.ofMinutes(2), aMinuteBefore).parse(json).id()).isEqualTo("42");
        assertThatThrownBy(() -> new CanonicalPostJson(Duration.ofMinutes(2), threeMinutesBefore).parse(json))
                .hasMessageContaining("is in the future: more than 2 min ahead of this machine's clock");
        assertThatThrownBy(() -> new CanonicalPostJson(Duration.ofSeconds(30), aMinuteBefore).parse(json))
                .hasMessageContaining("is in the future");
    }

    @Test
    void judgesAKafkaRecordsFutureAgainstTheTimeItWasWrittenSoAReplayDecidesAlike() throws Exception {
        byte[] json = MINIMAL.getBytes(StandardCharsets.UTF_8); // created 2026-11-20T18:42:07.120Z
        long writtenAMinuteBefore = Instant.parse("2026-11-20T18:41:07Z").toEpochMilli();
        long writtenAnHourBefore = Instant.parse("2026-11-20T17:40:00Z").toEpochMilli();

        assertThat(parser.parse(json, writtenAMinuteBefore).id()).isEqualTo(parse(MINIMAL).id());
        assertThatThrownBy(() -> parser.parse(json, writtenAnHourBefore))
                .hasMessageContaining("is in the future: more than 2 min ahead of the time it was written to Kafka (2026-11-20T17:40:00Z)");
        assertThat(parser.parse(json, -1).id()).as("a record without a timestamp is not judged").isEqualTo("42");
    }

    @Test
    void refusesIdsHandlesAndTagsTooLongForAnIndexAndQuotesOnlyTheStartOfThem() {
        String longId = "9".repeat(Post.MAX_ID_LENGTH + 1);
        String hugeHandle = "h".repeat(900_000);
        String manyMentions = "[" + "\"a\",".repeat(Post.MAX_TAGS) + "\"b\"]";

        assertThatThrownBy(() -> parse("{\"id\": \"" + longId + "\", \"platform\": \"t\", \"created_at\": 1795200000000, "
                + "\"author\": {\"id\": \"7\", \"handle\": \"g\"}, \"text\": \"x\"}"))
                .hasMessageStartingWith("id has 257 characters, more than the 256");
        assertThatThrownBy(() -> parse("{\"id\": \"" + "€".repeat(Post.MAX_ID_LENGTH) + "\", \"platform\": \"t\", "
                + "\"created_at\": 1795200000000, \"author\": {\"id\": \"7\", \"handle\": \"g\"}, \"text\": \"x\"}"))
                .as("256 characters, but 768 bytes: past the 512 an Elasticsearch id holds once the brand is put before it")
                .hasMessageStartingWith("id takes 768 bytes in UTF-8, more than the 256");
        assertThatThrownBy(() -> parse("{\"id\": \"1\", \"platform\": \"t\", \"created_at\": 1795200000000, "
                + "\"author\": {\"id\": \"7\", \"handle\": \"" + hugeHandle + "\", \"followers\": \"" + hugeHandle + "\"}, \"text\": \"x\"}"))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("author.handle has 900000 characters").hasSizeLessThan(300));
        assertThatThrownBy(() -> parse("{\"id\": \"1\", \"platform\": \"t\", \"created_at\": 1795200000000, "
                + "\"author\": {\"id\": \"7\", \"handle\": \"g\", \"followers\": \"" + hugeHandle + "\"}, \"text\": \"x\"}"))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("author.followers must be a whole number").hasSizeLessThan(300));
        assertThatThrownBy(() -> parse("{\"id\": \"1\", \"platform\": \"t\", \"created_at\": 1795200000000, "
                + "\"author\": {\"id\": \"7\", \"handle\": \"g\"}, \"text\": \"x\", \"mentions\": " + manyMentions + "}"))
                .hasMessage("mentions has 101 entries, more than the 100 a post can hold");
    }
}
