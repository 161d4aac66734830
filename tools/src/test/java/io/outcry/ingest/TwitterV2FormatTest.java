package io.outcry.ingest;

import io.outcry.post.Deletion;
import static io.outcry.ingest.Fixture.A;
import static io.outcry.ingest.Fixture.B;
import static io.outcry.ingest.Fixture.C;
import static io.outcry.ingest.Fixture.D;
import static io.outcry.ingest.Fixture.E;
import static io.outcry.ingest.Fixture.G;
import static io.outcry.ingest.Fixture.H;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwitterV2FormatTest {

    private final Fixture fixture = Fixture.mapped(new TwitterV2Format(), "twitter-v2.jsonl");

    @Test
    void aResponseWithSeveralPostsJoinsEachWithItsAuthorAndPlaceFromIncludes() {
        assertThat(fixture.posts).extracting(Post::id).containsExactly(A, B, C, D, E, H, A);
        assertThat(fixture.post(B).author().handle()).isEqualTo("marco_b");
        assertThat(fixture.post(B).author().followers()).isEqualTo(1204);
        assertThat(fixture.post(C).author().verified()).isTrue();
        assertThat(fixture.post(B).place().name()).isEqualTo("Milano, Lombardia");
    }

    @Test
    void errorsEntriesAndResponsesWithoutDataAreCountedNotFatal() {
        assertThat(fixture.controls).containsExactly("errors", "errors", "empty", "problem");
        assertThat(fixture.deletions).containsExactly(
                new Deletion("twitter", C, "7810562", Instant.parse("2026-11-20T18:58:13.004Z").toEpochMilli()));
        assertThat(fixture.records).as("one record per data and errors entry, one for every other response")
                .isEqualTo(7 + 4 + 2 + 1);
    }

    @Test
    void aTweetWhoseAuthorIsNotIncludedIsADeadLetterNamingTheExpansion() {
        assertThat(fixture.deadLetters).hasSize(2);
        assertThat(fixture.deadLetters.get(0)).startsWith("data (id " + G + "): author_id 2764109221 has no username in "
                + "includes.users; request expansions=author_id");
        assertThat(fixture.deadLetters.get(1)).isEqualTo("not valid JSON: the record ends early, at byte "
                + fixture.lines.get(8).getBytes(StandardCharsets.UTF_8).length + " (cut off?)");
    }

    @Test
    void aLongPostTakesItsTextAndEntitiesFromNoteTweet() {
        Post post = fixture.post(H);

        assertThat(post.text()).hasSizeGreaterThan(280).endsWith("#windtredown #assistenza").contains("& una PEC");
        assertThat(post.mentions()).containsExactly("windtre");
        assertThat(post.hashtags()).containsExactly("windtredown", "assistenza");
    }

    @Test
    void theSameTweetFromV1AndV2IsTheIdenticalCanonicalPostButForTheConversationOnlyV2Names() {
        Fixture v1 = Fixture.mapped(new TwitterV1Format(), "twitter-v1.jsonl");

        for (String id : new String[] {A, B, C, D, E}) {
            Post v2 = fixture.post(id).withConversation(null);
            assertThat(v2).as("tweet " + id).isEqualTo(v1.post(id));
            assertThat(CanonicalPostJson.write(v2)).isEqualTo(CanonicalPostJson.write(v1.post(id)));
        }
    }

    @Test
    void aReplyBelongsToTheConversationXNamesAndAPostThatRepliesToNothingStartsItsOwn() {
        assertThat(fixture.post(C).replyToId()).isEqualTo(A);
        assertThat(fixture.post(C).conversationId()).as("the brand's answer, in giulia's thread").isEqualTo(A);
        assertThat(fixture.post(A).conversationId()).isEqualTo(A);
        assertThat(fixture.post(D).conversationId()).as("a quote starts a thread of its own").isEqualTo(D);
        assertThat(fixture.post(E).conversationId()).as("so does a retweet").isEqualTo(E);
    }

    @Test
    void aTweetWithoutConversationIdBelongsToNoKnownConversation() {
        String response = fixture.lines.get(1).replace("\"conversation_id\":\"2123849384437698561\",", "");

        Post reply = mapped(response).post(C);

        assertThat(reply.replyToId()).isEqualTo(A);
        assertThat(reply.conversationId()).as("tweet.fields did not ask for conversation_id").isNull();
    }

    @Test
    void aRetweetTakesTheOriginalsTextFromIncludesAndKeepsItsOwnCutTextWithoutThem() {
        String ownText = "RT @lucadev: Milano, fibra TIM giù anche qui…";
        String response = fixture.lines.get(1).replace(
                "RT @lucadev: Milano, fibra TIM giù anche qui. Pare un guasto in centrale, altro che 'manutenzione programmata' "
                        + "https://t.co/Zx1QpP2mNw", ownText);

        assertThat(mapped(response).post(E).text()).isEqualTo("RT @lucadev: " + fixture.post(D).text());
        Post alone = mapped(response.replace("\"tweets\":[", "\"tweets_elsewhere\":[")).post(E);
        assertThat(alone.text()).isEqualTo(ownText);
        assertThat(alone.retweetedId()).isEqualTo(D);
    }

    private static Fixture mapped(String response) {
        Fixture out = new Fixture();
        byte[] line = response.getBytes(StandardCharsets.UTF_8);
        new TwitterV2Format().map(line, 0, line.length, out);
        return out;
    }
}
