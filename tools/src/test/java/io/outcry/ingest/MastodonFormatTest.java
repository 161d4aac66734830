package io.outcry.ingest;

import io.outcry.post.Deletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonFormatTest {

    /** The fixtures' statuses, as mastodon.uno numbers them, in the order they were published. */
    static final String S1 = "117650235530941031";
    static final String S2 = "117650243053486381";
    static final String S3 = "117650256168091657";
    static final String S4 = "117650265247002413";
    static final String S5 = "117650279170315264";
    static final String S6 = "117650286342307928";
    static final String INSTANCE = "mastodon.uno";

    private final Fixture fixture = Fixture.mapped(new MastodonFormat(INSTANCE), "mastodon.jsonl");

    static String id(String status) {
        return INSTANCE + "/" + status;
    }

    @Test
    void everyStatusBecomesAPostUnderItsInstanceAndEveryOtherLineIsCountedAsWhatItIs() {
        assertThat(fixture.posts).extracting(Post::id)
                .containsExactly(id(S1), id(S2), id(S3), id(S4), id(S5), id(S1), id(S2), id(S6));
        assertThat(fixture.deletions).containsExactly(new Deletion("mastodon", id(S3), null, -1));
        assertThat(fixture.controls).containsExactly("filters_changed");
        assertThat(fixture.deadLetters).hasSize(5);
        assertThat(fixture.records).isEqualTo(fixture.lines.stream().filter(l -> !l.isEmpty()).count());
    }

    @Test
    void aRecordThatCannotBeMappedIsADeadLetterWhoseReasonNamesTheField() {
        assertThat(fixture.deadLetters).containsExactly(
                "not valid JSON: the record ends early, at byte " + fixture.lines.get(10).getBytes(StandardCharsets.UTF_8).length
                        + " (cut off?)",
                "account.acct is missing",
                "created_at '20/11/2026 18:57' is not an ISO-8601 instant such as 2026-11-20T18:42:07.000Z",
                "expected a Mastodon status, an array of statuses or a streaming message, a JSON object, got a string",
                "account.followers_count must be a whole number, got a string");
    }

    @Test
    void htmlContentBecomesPlainTextWithQualifiedMentionsHashtagsAndEmojiShortcodes() {
        Post post = fixture.post(id(S1));

        assertThat(post.text()).isEqualTo("Ancora senza linea a Napoli @TIM_Italia@mastodon.social, è una vergogna :blobcat: #timdown"
                + "\n\nModem & router riavviati tre volte.\nNiente.");
        assertThat(post.mentions()).containsExactly("tim_italia@mastodon.social");
        assertThat(post.hashtags()).containsExactly("timdown");
        assertThat(post.author().handle()).isEqualTo("giulia@mastodon.uno");
        assertThat(post.author().id()).isEqualTo("mastodon.uno/109384021775309102");
        assertThat(post.author().followers()).isEqualTo(312);
        assertThat(post.lang()).isEqualTo("it");
        assertThat(post.createdAt()).isEqualTo(Instant.parse("2026-11-20T18:42:07.120Z").toEpochMilli());
        assertThat(post.url()).isEqualTo("https://mastodon.uno/@giulia/" + S1);
    }

    @Test
    void aLinkIsItsWholeUrlEvenWhereMastodonHidesPartOfItAndTheSpoilerComesFirst() {
        Post post = fixture.post(id(S2));

        assertThat(post.text()).isEqualTo("guasto fibra Milano\n\nTerzo giorno senza fibra, la pagina di stato dice che è tutto ok: "
                + "https://www.tim.it/assistenza/stato-linea/verifica-copertura?zona=milano-citta-studi&tipo=fibra "
                + "cc @giulia@mastodon.uno #Fibra");
        assertThat(post.mentions()).as("a local account's acct is its bare username").containsExactly("giulia@mastodon.uno");
        assertThat(post.hashtags()).containsExactly("fibra");
    }

    @Test
    void aRemoteAccountsReplyKeepsItsHandleAndTheReplyIdInTheServingInstancesNumbering() {
        Post post = fixture.post(id(S3));

        assertThat(post.author().handle()).isEqualTo("luca@livellosegreto.it");
        assertThat(post.replyToId()).isEqualTo(id(S1));
        assertThat(post.text()).isEqualTo("@giulia@mastodon.uno anche a Roma 'sto disservizio, \"manutenzione straordinaria\" dicono <sigh>");
        assertThat(post.url()).isEqualTo("https://livellosegreto.it/@luca/113540012839127765");
    }

    @Test
    void aBoostIsARetweetOfTheOriginalWithItsTextMentionsAndTags() {
        Post boost = fixture.post(id(S4));
        Post original = fixture.post(id(S1));

        assertThat(boost.retweetedId()).isEqualTo(id(S1));
        assertThat(boost.author().handle()).isEqualTo("sara@mastodon.uno");
        assertThat(boost.text()).isEqualTo("RT @giulia@mastodon.uno: " + original.text());
        assertThat(boost.mentions()).containsExactly("giulia@mastodon.uno", "tim_italia@mastodon.social");
        assertThat(boost.hashtags()).containsExactly("timdown");
        assertThat(boost.lang()).as("a boost has no language of its own").isEqualTo("it");
        assertThat(boost.replyToId()).isNull();
    }

    @Test
    void otherFediverseHtmlKeepsLinkTextAndListItemsAndAQuoteNamesTheQuotedStatus() {
        Post post = fixture.post(id(S5));

        assertThat(post.text()).isEqualTo("Segnalazioni di oggi, leggi qui https://downdetector.it/problemi/tim/:\n\nNapoli\nMilano");
        assertThat(post.quotedId()).isEqualTo(id(S2));
        assertThat(post.author().handle()).isEqualTo("anna@misskey.io");
    }

    @Test
    void anEditFromTheStreamIsThePostAgainUnderItsId() {
        Post edit = fixture.posts.get(6);

        assertThat(edit.id()).isEqualTo(id(S2));
        assertThat(edit.text()).contains("Ormai il terzo giorno");
    }

    @Test
    void everyPostIsValidCanonicalJson() throws Exception {
        CanonicalPostJson parser = new CanonicalPostJson();
        for (Post post : fixture.posts) {
            assertThat(parser.parse(CanonicalPostJson.write(post))).isEqualTo(post);
        }
    }

    @Test
    void withoutAnInstanceALocalStatusNamesItsOwnAndARemoteOneIsADeadLetterSayingWhatToGive() {
        Fixture guessed = Fixture.mapped(new MastodonFormat(), "mastodon.jsonl");

        assertThat(guessed.post(id(S1))).isEqualTo(fixture.post(id(S1)));
        assertThat(guessed.deadLetters).contains("account.acct 'luca@livellosegreto.it' is on another instance: the id " + S3
                + " is numbered by the instance that served the status, which a status does not name; give --instance");
        assertThat(guessed.deadLetters).anyMatch(reason -> reason.startsWith("a delete names only the status id " + S3));
    }

    @Test
    void aTimelinePageIsOneRecordPerStatusAndAnEmptyPageIsAControlMessage() {
        Fixture pages = Fixture.mapped(new MastodonFormat(INSTANCE), "mastodon-timeline.json");

        assertThat(pages.posts).extracting(Post::id).containsExactly(id(S6), id(S5), id(S4), id(S3), id(S2), id(S1));
        assertThat(pages.controls).containsExactly("empty");
        assertThat(pages.records).isEqualTo(7);
        for (Post post : pages.posts) {
            assertThat(post).isEqualTo(fixture.post(post.id()));
        }
    }

    @Test
    void aStatusThatCannotBeMappedInAPageIsADeadLetterNamingItsPlaceAndTheRestArePosts() {
        String page = "[" + fixture.lines.get(0) + "," + fixture.lines.get(11) + "]";
        Fixture out = new Fixture();
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);

        int records = new MastodonFormat(INSTANCE).map(bytes, 0, bytes.length, out);

        assertThat(records).isEqualTo(2);
        assertThat(out.posts).extracting(Post::id).containsExactly(id(S1));
        assertThat(out.deadLetters).containsExactly("[1] (id 117650290114560001): account.acct is missing");
    }

    @Test
    void ingestingTheFixtureReconcilesAndWritesEachStatusOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("posts.ndjson");

        IngestCommandTest.Run run = IngestCommandTest.run("mastodon", Fixture.path("mastodon.jsonl").toString(),
                "--instance", INSTANCE, "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ingest mastodon: 16 records read = 6 posts + 5 dead letters + 3 control messages "
                + "+ 2 duplicates (16 lines; delete 1, filters_changed 1, keep-alive 1)");
        assertThat(IngestCommandTest.posts(out)).extracting(Post::id).containsExactly(id(S1), id(S2), id(S3), id(S4), id(S5), id(S6));
    }

    @Test
    void anInstanceIsRefusedForAFormatWhoseIdsAreGlobal() {
        IngestCommandTest.Run run = IngestCommandTest.run("twitter-v1", Fixture.path("twitter-v1.jsonl").toString(),
                "--instance", INSTANCE);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--instance is for mastodon only");
    }

    @Test
    void createdAtReadByHandAgreesWithTheIsoParserAndRefusesWhatItRefuses() {
        for (String value : new String[] {"2026-11-20T18:42:07.120Z", "2028-02-29T23:59:59.999Z", "2026-01-01T00:00:00.000Z",
                "2026-11-20T18:42:07Z", "2026-11-20T18:42:07.120456Z", "2026-11-20T24:00:00.000Z"}) {
            assertThat(MastodonFormat.createdAt(value)).as(value).isEqualTo(Instant.parse(value).toEpochMilli());
        }
        for (String value : new String[] {"2026-02-30T10:00:00.000Z", "2026-13-01T10:00:00.000Z", "2026-11-20T18:61:00.000Z"}) {
            assertThatThrownBy(() -> MastodonFormat.createdAt(value)).as(value).isInstanceOf(Unmappable.class)
                    .hasMessageContaining("created_at '" + value + "' is not an ISO-8601 instant");
        }
    }

    @Test
    void followersAbsentNullOrHiddenAreUnknownNotZero() {
        String status = fixture.lines.get(15);
        assertThat(status).contains("\"followers_count\":312,");

        for (String hidden : new String[] {"\"followers_count\":-1,", "\"followers_count\":null,", ""}) {
            Fixture out = new Fixture();
            byte[] bytes = status.replace("\"followers_count\":312,", hidden).getBytes(StandardCharsets.UTF_8);
            new MastodonFormat(INSTANCE).map(bytes, 0, bytes.length, out);
            assertThat(out.post(id(S6)).author().followersKnown()).as(hidden).isFalse();
        }
    }
}
