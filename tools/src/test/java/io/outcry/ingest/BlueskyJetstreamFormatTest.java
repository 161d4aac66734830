package io.outcry.ingest;

import io.outcry.post.Deletion;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlueskyJetstreamFormatTest {

    static final String GIULIA = "did:plc:ecoyg7bhgwrj7fxpqetcgjgv";
    static final String LUCA = "did:plc:xphzpiuuy6psrqujhykqbhvq";
    static final String TIM = "did:plc:ar6edx7q4q2n7ueqn7t4mpgk";
    static final String MARCO = "did:plc:4mmgbwupcuxzp55b4g3b6i5r";
    static final String SARA = "did:plc:2necmyljm2xfegg6cgg3qpqz";
    static final String PAOLA = "did:plc:z2nw4eh2leodel6fhgcvcc3i";
    static final String NOEMI = "did:plc:2mk2p4sx2akrg4c7fcme4meu";
    static final String ANNA = "did:plc:vx3vywqoxee7nep3vvlncgup";
    static final String A = post(GIULIA, "3n2ragzaq572b");
    static final String B = post(LUCA, "3n2rah3ncq22b");
    static final String C = post(TIM, "3n2rahb7sjm2b");
    static final String D = post(MARCO, "3n2rahfhze72b");
    static final String E = post(SARA, "3n2rahiz4r62b");
    static final String R = "at://" + PAOLA + "/app.bsky.feed.repost/3n2rahk7be22b";
    static final String F = post(LUCA, "3n2rahr75cy2b");
    static final String G = post(NOEMI, "3n2rahujpvs2b");
    static final String H = post(NOEMI, "3n2rai77usn2b");
    static final String I = post(ANNA, "3n2raixad522b");

    private final Fixture fixture = Fixture.mapped(new BlueskyJetstreamFormat(), "bluesky-jetstream.jsonl");

    static String post(String did, String rkey) {
        return "at://" + did + "/app.bsky.feed.post/" + rkey;
    }

    @Test
    void everyPostAndRepostBecomesAPostAndEveryOtherEventIsCountedAsWhatItIs() {
        assertThat(fixture.posts).extracting(Post::id).containsExactly(A, B, C, D, E, R, E, R, F, G, H, I);
        assertThat(fixture.controls).containsExactly("identity", "identity", "app.bsky.feed.like", "account", "account", "identity");
        assertThat(fixture.deletions).containsExactly(
                new Deletion("bluesky", H, NOEMI, 1795200190125L),
                new Deletion("bluesky", R, PAOLA, 1795200191237L));
        assertThat(fixture.deadLetters).hasSize(3);
        assertThat(fixture.records).isEqualTo(fixture.lines.size());
    }

    @Test
    void aRecordThatCannotBeMappedIsADeadLetterWhoseReasonNamesTheField() {
        assertThat(fixture.deadLetters).containsExactly(
                "not valid JSON: the record ends early, at byte " + fixture.lines.get(20).getBytes(StandardCharsets.UTF_8).length
                        + " (cut off?)",
                "commit.record.createdAt is missing",
                "expected a Jetstream event, a JSON object, got an array");
    }

    @Test
    void facetsSliceTheUtf8BytesSoMentionsAndTagsAfterAnEmojiAreFound() {
        Post post = fixture.post(A);

        assertThat(post.text()).isEqualTo("@tim.bsky.social ancora senza linea a Napoli 😡, è una vergogna #timdown");
        assertThat(post.mentions()).containsExactly("tim.bsky.social");
        assertThat(post.hashtags()).containsExactly("timdown");
        assertThat(post.lang()).isEqualTo("it");
        assertThat(Instant.ofEpochMilli(post.createdAt())).isEqualTo("2026-11-20T18:42:08.342Z");
    }

    @Test
    void aLinkFacetPutsItsFullUriInPlaceOfTheShortenedTextAndRecordTagsAreHashtags() {
        Post post = fixture.post(B);

        assertThat(post.text()).isEqualTo("Terzo giorno senza fibra in zona Città Studi 🙃 e nessuno risponde al 187. Guasto segnalato qui: "
                + "https://status.tim.it/guasti/milano-citta-studi-2026-11-20 #fibra");
        assertThat(post.hashtags()).containsExactly("fibra", "timdown");
    }

    @Test
    void aMentionWhoseRangeCutsACharacterIsPlainTextAndNamedByItsDidsHandle() {
        Post post = fixture.post(I);

        assertThat(post.text()).isEqualTo("🙃@tim.bsky.social ancora niente");
        assertThat(post.mentions()).containsExactly("tim.bsky.social");
    }

    @Test
    void theDidStandsInForTheHandleUntilAnIdentityEventNamesIt() {
        assertThat(fixture.post(A).author()).isEqualTo(new Author(GIULIA, "giulia-r.bsky.social", Author.UNKNOWN_FOLLOWERS, false, null));
        assertThat(fixture.post(B).author().handle()).isEqualTo(LUCA);
        assertThat(fixture.post(B).url()).isEqualTo("https://bsky.app/profile/" + LUCA + "/post/3n2rah3ncq22b");
        assertThat(fixture.post(F).author().handle()).isEqualTo("lucadev.bsky.social");
        assertThat(fixture.post(F).url()).isEqualTo("https://bsky.app/profile/lucadev.bsky.social/post/3n2rahr75cy2b");
        assertThat(fixture.post(C).author().followersKnown()).isFalse();
    }

    @Test
    void repliesQuotesAndRepostsNameTheirTargetByTheIdThatPostHas() {
        assertThat(fixture.post(C).replyToId()).isEqualTo(A);
        assertThat(fixture.post(C).mentions()).containsExactly("giulia-r.bsky.social");
        assertThat(fixture.post(D).quotedId()).isEqualTo(B);
        assertThat(fixture.post(E).quotedId()).as("a quote with media").isEqualTo(D);
        assertThat(fixture.post(E).lang()).isEqualTo("en");
        assertThat(fixture.post(F).quotedId()).as("an embedded feed is no quote").isNull();
        Post repost = fixture.post(R);
        assertThat(repost.retweetedId()).isEqualTo(B);
        assertThat(repost.text()).isEmpty();
        assertThat(repost.author().id()).isEqualTo(PAOLA);
        assertThat(repost.url()).as("the reposted post's page").isEqualTo("https://bsky.app/profile/" + LUCA + "/post/3n2rah3ncq22b");
    }

    @Test
    void aReplyBelongsToItsThreadsRootAndAPostOrRepostThatRepliesToNothingStartsItsOwn() {
        assertThat(fixture.post(C).conversationId()).as("the root's AT URI, as the root post's id").isEqualTo(A);
        assertThat(fixture.post(A).conversationId()).isEqualTo(A);
        assertThat(fixture.post(D).conversationId()).as("a quote is no reply").isEqualTo(D);
        assertThat(fixture.post(R).conversationId()).as("a repost, as X gives a retweet its own").isEqualTo(R);
    }

    @Test
    void aReplyToAReplyBelongsToTheRootNotToItsParent() {
        String nested = post(GIULIA, "3n2rajbxk4c2b");
        Fixture out = new Fixture();
        // giulia answers the brand's reply C, in the thread her post A started
        byte[] line = fixture.lines.get(5).replace(TIM, GIULIA).replace("3n2rahb7sjm2b", "3n2rajbxk4c2b")
                .replace("\"parent\":{\"cid\":\"bafyreixeex3dpssw34hfky3r2lxb2w5qwd6g4etlujwqwoxuq7oyiee6nl\",\"uri\":\"" + A + "\"}",
                        "\"parent\":{\"cid\":\"bafyrei44gxzvx2soo3qotatg6ehg5z3r7e3hywagus3tbvernxkl7nfqfl\",\"uri\":\"" + C + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        new BlueskyJetstreamFormat().map(line, 0, line.length, out);

        assertThat(out.post(nested).replyToId()).isEqualTo(C);
        assertThat(out.post(nested).conversationId()).isEqualTo(A);
    }

    @Test
    void aReplyWithoutTheRootTheLexiconRequiresIsADeadLetter() {
        Fixture out = new Fixture();
        byte[] line = fixture.lines.get(5).replace("\"root\":", "\"origin\":").getBytes(StandardCharsets.UTF_8);

        new BlueskyJetstreamFormat().map(line, 0, line.length, out);

        assertThat(out.deadLetters).containsExactly("commit.record.reply.root.uri is missing");
    }

    @Test
    void aPostWrittenOfflineKeepsTheTimeItsAuthorGaveItThoughItArrivedLater() {
        assertThat(fixture.post(G).createdAt()).isLessThan(fixture.post(F).createdAt() - 60_000);
    }

    @Test
    void everyPostIsCanonicalJsonTheJobReadsBackUnchanged() throws Exception {
        for (Post post : fixture.posts) {
            assertThat(new CanonicalPostJson().parse(CanonicalPostJson.write(post))).isEqualTo(post);
        }
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsPath() {
        Fixture out = new Fixture();
        byte[] line = fixture.lines.get(2).replace("\"byteEnd\":16", "\"byteEnd\":\"16\"").getBytes(StandardCharsets.UTF_8);

        new BlueskyJetstreamFormat().map(line, 0, line.length, out);

        assertThat(out.deadLetters).containsExactly("commit.record.facets[].index.byteEnd must be a whole number, got a string");
    }

    @Test
    void aTagLongerThanTheJobAcceptsIsADeadLetterNotAPostTheJobWouldRefuse() {
        Fixture out = new Fixture();
        byte[] line = fixture.lines.get(2).replace("\"tag\":\"timdown\"", "\"tag\":\"" + "a".repeat(400) + "\"")
                .getBytes(StandardCharsets.UTF_8);

        new BlueskyJetstreamFormat().map(line, 0, line.length, out);

        assertThat(out.deadLetters).containsExactly("hashtags: '" + "a".repeat(40) + "...' has 400 characters, more than 320");
    }

    @Test
    void aReconnectAsksForPostsAndRepostsFromAFewSecondsBeforeTheLastEventSeen() {
        BlueskyJetstreamFormat format = new BlueskyJetstreamFormat();
        URI url = URI.create("wss://jetstream2.us-east.bsky.network/subscribe");

        assertThat(format.resumeUrl(url)).hasToString(url + "?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost");
        byte[] line = fixture.lines.get(9).getBytes(StandardCharsets.UTF_8);
        format.map(line, 0, line.length, new Fixture());
        assertThat(format.resumeUrl(URI.create(url + "?wantedDids=" + ANNA + "&cursor=1")))
                .hasToString(url + "?wantedDids=" + ANNA + "&wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost"
                        + "&cursor=" + (1795200147238090L - 5_000_000));
    }
}
