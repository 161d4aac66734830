package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterHeaders;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code outcry ingest} of both Twitter fixtures into a real local broker, read back whole. */
class IngestToBrokerTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyPostDeadLetterAndDeletionOfTheFixturesLandsOnItsTopicAndTheCountsReconcile() throws Exception {
        String bootstrap = LocalStack.sharedKafka().bootstrapServers();
        String suffix = Long.toString(System.nanoTime());
        String posts = "ingest-posts-" + suffix;
        String deadLetters = "ingest-dead-letters-" + suffix;
        String deletions = "ingest-deletions-" + suffix;
        KafkaTopics.ensure(bootstrap, 2, posts, deadLetters, deletions);

        List<Post> expected = new ArrayList<>();
        List<String> expectedDeadLetters = new ArrayList<>();
        for (String format : List.of(TwitterV1Format.NAME, TwitterV2Format.NAME)) {
            IngestCommandTest.Run run = IngestCommandTest.run(format, Fixture.path(format + ".jsonl").toString(),
                    "--bootstrap-servers", bootstrap, "--topic", posts, "--dead-letter-topic", deadLetters,
                    "--deletions-topic", deletions);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(format.equals(TwitterV1Format.NAME) ? IngestCommandTest.V1_LINE : IngestCommandTest.V2_LINE);
            Fixture fixture = Fixture.mapped(Formats.named(format), format + ".jsonl");
            expected.addAll(fixture.posts.stream().distinct().toList());
            expectedDeadLetters.addAll(fixture.deadLetters);
        }

        List<ConsumerRecord<byte[], byte[]>> postRecords = KafkaTopics.readAll(bootstrap, posts, READ_TIMEOUT);
        List<Post> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : postRecords) {
            Post post = new CanonicalPostJson().parse(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("twitter:" + post.id());
            assertThat(record.timestamp()).as("stamped when written, not with the post's own time").isGreaterThan(post.createdAt());
            read.add(post);
        }
        assertThat(read).as("7 posts from v1, 6 from v2: the runs are separate, so the same tweet is on the topic twice")
                .hasSize(13).containsExactlyInAnyOrderElementsOf(expected);

        List<DeadLetter> rejected = KafkaTopics.readAll(bootstrap, deadLetters, READ_TIMEOUT).stream()
                .map(DeadLetterHeaders::fromConsumerRecord).toList();
        assertThat(rejected).hasSize(5).extracting(DeadLetter::stage).containsOnly(DeadLetter.STAGE_INGEST);
        assertThat(rejected).extracting(DeadLetter::reason).allSatisfy(reason -> assertThat(reason).matches(
                "twitter-v[12] twitter-v[12]\\.jsonl:\\d+: .+"));
        assertThat(rejected).extracting(d -> d.reason().substring(d.reason().indexOf(": ") + 2))
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
        assertThat(rejected).filteredOn(d -> d.reason().startsWith("twitter-v1 twitter-v1.jsonl:11:"))
                .singleElement()
                .satisfies(d -> assertThat(new String(d.payload(), StandardCharsets.UTF_8))
                        .isEqualTo(Fixture.mapped(new TwitterV1Format(), "twitter-v1.jsonl").lines.get(10)));

        assertThat(KafkaTopics.readAll(bootstrap, deletions, READ_TIMEOUT))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("twitter:" + Fixture.C, "twitter:" + Fixture.C);
    }
}
