package io.outcry.twcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterHeaders;
import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TwcsCommandTest {

    /** Newest first, as the export lists a thread. */
    private static final String EXPORT = TwcsFixture.HEADER
            + "0,4,9001,True,Wed Nov 01 09:20:00 +0000 2017,\"still \r\nwaiting\",,2.0\n"
            + "1,2,AcmeHelp,False,Wed Nov 01 09:12:00 +0000 2017,\"@9001 Sorry, please DM us\",\"3,4\",1.0\n"
            + "2,3,9001,True,not a date,thanks,,2.0\n"
            + "3,1,9001,True,Wed Nov 01 09:10:00 +0000 2017,@AcmeHelp my parcel is lost #late,2,\n"
            + "4,5,9002,True\n";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TwcsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void writesThePostsInEventTimeOrderAsCanonicalJsonLinesAndACountLineThatReconciles() throws Exception {
        Path csv = Files.writeString(dir.resolve("twcs.csv"), EXPORT);
        Path out = dir.resolve("posts.ndjson");
        Path catalog = dir.resolve("twcs-brands.yaml");

        Run run = run("--csv", csv.toString(), "--out", out.toString(), "--catalog-out", catalog.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(
                "twcs: 5 records = 3 posts + 2 rejected {columns=1, created_at=1}, 1 brand accounts" + System.lineSeparator());
        assertThat(run.err()).contains("twcs: rejected record 3 (line 5), created_at: 'not a date'")
                .contains("twcs: rejected record 5 (line 7), columns: has 4 fields")
                .contains("twcs: 5 records read, 3 posts, 2 rejected");
        List<Post> posts = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            posts.add(new CanonicalPostJson().parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(posts).extracting(Post::id).containsExactly("1", "2", "4");
        assertThat(posts).extracting(Post::conversationId).as("the reply read first is in the thread of the tweet read last")
                .containsOnly("1");
        assertThat(posts.get(2).text()).isEqualTo("still \r\nwaiting");
        assertThat(CatalogBrandRecognizer.load(catalog.toString()).brands()).extracting(b -> b.id()).containsExactly("acmehelp");
    }

    @Test
    void saysWhatIsWrongWithAFileThatCannotBeRead() {
        Run run = run("--csv", dir.resolve("missing.csv").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read --csv");
    }

    @Test
    void producesPostsAndDeadLettersToARealBroker() throws Exception {
        String bootstrap = LocalStack.sharedKafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("twcs-posts", 2, (short) 1), new NewTopic("twcs-dead-letters", 1, (short) 1)))
                    .all().get();
        }
        Path csv = Files.writeString(dir.resolve("twcs.csv"), EXPORT);

        Run run = run("--csv", csv.toString(), "--bootstrap-servers", bootstrap, "--topic", "twcs-posts",
                "--dead-letter-topic", "twcs-dead-letters");

        assertThat(run.exit()).as(run.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> posts = consume(bootstrap, "twcs-posts", 3);
        assertThat(posts).hasSize(3);
        for (ConsumerRecord<byte[], byte[]> record : posts) {
            Post post = new CanonicalPostJson().parse(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(post.id());
            assertThat(record.timestamp()).as("stamped when written, so a 7-day retention keeps 2017's posts").isGreaterThan(post.createdAt());
        }
        assertThat(posts).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("1", "2", "4");
        assertThat(new CanonicalPostJson().parse(posts.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("1"))
                .findFirst().orElseThrow().value()).createdAt()).isEqualTo(Instant.parse("2017-11-01T09:10:00Z").toEpochMilli());

        List<DeadLetter> deadLetters = consume(bootstrap, "twcs-dead-letters", 2).stream()
                .map(DeadLetterHeaders::fromConsumerRecord).toList();
        assertThat(deadLetters).extracting(DeadLetter::stage).containsOnly(DeadLetter.STAGE_INGEST);
        assertThat(deadLetters).extracting(DeadLetter::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("record 3 (line 5), created_at:"),
                reason -> assertThat(reason).startsWith("record 5 (line 7), columns:"));
        assertThat(deadLetters).extracting(d -> new String(d.payload(), StandardCharsets.UTF_8))
                .containsExactly("2,3,9001,True,not a date,thanks,,2.0", "4,5,9002,True");
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "twcs-test-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // one more poll, so that a record too many would be seen
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
