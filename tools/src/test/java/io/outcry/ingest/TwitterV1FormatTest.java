package io.outcry.ingest;

import io.outcry.post.Deletion;
import static io.outcry.ingest.Fixture.A;
import static io.outcry.ingest.Fixture.B;
import static io.outcry.ingest.Fixture.C;
import static io.outcry.ingest.Fixture.D;
import static io.outcry.ingest.Fixture.E;
import static io.outcry.ingest.Fixture.F;
import static io.outcry.ingest.Fixture.G;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TwitterV1FormatTest {

    private final Fixture fixture = Fixture.mapped(new TwitterV1Format(), "twitter-v1.jsonl");

    @Test
    void everyStatusBecomesAPostAndEveryOtherLineIsCountedAsWhatItIs() {
        assertThat(fixture.posts).extracting(Post::id).containsExactly(A, B, C, D, E, A, F, G);
        assertThat(fixture.controls).containsExactly("limit", "scrub_geo", "status_withheld", "warning", "disconnect");
        assertThat(fixture.deletions).containsExactly(
                new Deletion("twitter", C, "7810562", Instant.parse("2026-11-20T18:58:13.004Z").toEpochMilli()));
        assertThat(fixture.deadLetters).hasSize(3);
        assertThat(fixture.records).isEqualTo(fixture.lines.stream().filter(l -> !l.isEmpty()).count());
    }

    @Test
    void aRecordThatCannotBeMappedIsADeadLetterWhoseReasonNamesTheField() {
        assertThat(fixture.deadLetters.get(0)).isEqualTo("not valid JSON: the record ends early, at byte "
                + fixture.lines.get(9).getBytes(StandardCharsets.UTF_8).length + " (cut off?)");
        assertThat(fixture.deadLetters.get(1)).isEqualTo("user.screen_name is missing");
        assertThat(fixture.deadLetters.get(2)).isEqualTo("expected a v1.1 status or stream message, a JSON object, got an array");
    }

    @Test
    void aTruncatedStatusTakesItsTextAndEntitiesFromExtendedTweetUnescaped() {
        Post post = fixture.post(B);

        assertThat(post.text()).isEqualTo("Terzo giorno senza fibra in zona Città Studi & nessuno che risponde al 187. Il tecnico "
                + "doveva passare ieri tra le 8 e le 13 <sic>, mai visto. @tim_official @TIMCare fate qualcosa #timdown #fibra");
        assertThat(post.mentions()).containsExactly("tim_official", "timcare");
        assertThat(post.hashtags()).containsExactly("timdown", "fibra");
        assertThat(post.place().name()).isEqualTo("Milano, Lombardia");
        assertThat(post.place().countryCode()).isEqualTo("IT");
        assertThat(post.place().centre().lat()).isCloseTo(45.4613, Offset.offset(1e-9));
        assertThat(post.place().centre().lon()).isCloseTo(9.1595, Offset.offset(1e-9));
    }

    @Test
    void coordinatesAreReadInGeoJsonOrderLonThenLat() {
        Post post = fixture.post(A);

        assertThat(post.coordinates()).isEqualTo(new GeoPoint(40.8518, 14.2681));
        assertThat(post.place().centre().lat()).isCloseTo(40.8535, Offset.offset(1e-9));
        assertThat(post.place().centre().lon()).isCloseTo(14.24485, Offset.offset(1e-9));
        assertThat(post.author().location()).isEqualTo("Napoli");
        assertThat(post.author().followers()).isEqualTo(312);
        assertThat(post.url()).isEqualTo("https://x.com/giulia_r/status/" + A);
    }

    @Test
    void aRetweetOfAQuoteCarriesTheOriginalsFullTextAndIsNotItselfAQuote() {
        Post retweet = fixture.post(E);
        Post quote = fixture.post(D);

        assertThat(retweet.text()).isEqualTo("RT @lucadev: " + quote.text());
        assertThat(retweet.retweetedId()).isEqualTo(D);
        assertThat(retweet.quotedId()).isNull();
        assertThat(retweet.author().handle()).isEqualTo("sara_quota");
        assertThat(retweet.mentions()).containsExactly("lucadev");
        assertThat(quote.quotedId()).isEqualTo(B);
        assertThat(fixture.post(C).replyToId()).isEqualTo(A);
    }

    @Test
    void theTimeComesFromTimestampMsOrElseFromTheSnowflakeIdToTheMillisecond() {
        assertThat(Instant.ofEpochMilli(fixture.post(A).createdAt())).isEqualTo("2026-11-20T18:42:07.120Z");
        assertThat(Instant.ofEpochMilli(fixture.post(F).createdAt()))
                .as("an archive status has only created_at, to the second").isEqualTo("2026-11-20T19:02:44.318Z");
    }

    @Test
    void anArchiveStatusReadsFullTextAndUndeterminedLanguageIsNoLanguage() {
        Post post = fixture.post(F);

        assertThat(post.text()).isEqualTo("🙃🙃🙃");
        assertThat(post.lang()).isNull();
        assertThat(post.author().location()).isEqualTo("Torino");
    }

    @Test
    void everyPostIsCanonicalJsonTheJobReadsBackUnchanged() throws Exception {
        for (Post post : fixture.posts) {
            assertThat(new CanonicalPostJson().parse(CanonicalPostJson.write(post))).isEqualTo(post);
        }
    }

    @Test
    void aSecondJsonValueOnTheLineIsADeadLetter() {
        Fixture out = new Fixture();
        byte[] line = "{\"limit\":{\"track\":1}} {\"limit\":{\"track\":2}}".getBytes(StandardCharsets.UTF_8);

        assertThat(new TwitterV1Format().map(line, 0, line.length, out)).isEqualTo(1);
        assertThat(out.deadLetters).containsExactly("more than one JSON value on the line");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsPath() {
        Fixture out = new Fixture();
        String status = fixture.lines.get(0).replace("\"followers_count\":312", "\"followers_count\":\"312\"");
        byte[] line = status.getBytes(StandardCharsets.UTF_8);

        new TwitterV1Format().map(line, 0, line.length, out);

        assertThat(out.deadLetters).containsExactly("user.followers_count must be a whole number, got a string");
    }

    @Test
    void aNegativeFollowerCountIsRefusedAndANullOneIsUnknown() {
        Fixture refused = new Fixture();
        byte[] negative = fixture.lines.get(0).replace("\"followers_count\":312", "\"followers_count\":-3").getBytes(StandardCharsets.UTF_8);
        new TwitterV1Format().map(negative, 0, negative.length, refused);

        Fixture unknown = new Fixture();
        byte[] nulled = fixture.lines.get(0).replace("\"followers_count\":312", "\"followers_count\":null").getBytes(StandardCharsets.UTF_8);
        new TwitterV1Format().map(nulled, 0, nulled.length, unknown);

        assertThat(refused.deadLetters).containsExactly("user.followers_count is -3; a follower count cannot be negative");
        assertThat(unknown.posts).singleElement().satisfies(post -> assertThat(post.author().followersKnown()).isFalse());
    }

    @Test
    void aStatusCreatedAfterTheClocksNowAndItsSkewIsADeadLetter() {
        byte[] line = fixture.lines.get(0).getBytes(StandardCharsets.UTF_8); // created 2026-11-20T18:42:07Z
        Fixture early = new Fixture();
        new TwitterV1Format(Clock.fixed(Instant.parse("2026-11-20T18:30:00Z"), ZoneOffset.UTC)).map(line, 0, line.length, early);
        Fixture onTime = new Fixture();
        new TwitterV1Format(Clock.fixed(Instant.parse("2026-11-20T18:41:00Z"), ZoneOffset.UTC)).map(line, 0, line.length, onTime);

        assertThat(early.deadLetters).singleElement().asString().contains("is in the future");
        assertThat(onTime.posts).hasSize(1);
    }
}
