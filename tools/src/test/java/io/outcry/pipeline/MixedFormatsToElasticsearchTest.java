package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.ingest.IngestCommand;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The four platform formats end to end: one {@code outcry ingest} run per fixture (X v1.1, X
 * v2, Bluesky Jetstream, Mastodon) into one posts topic and one deletions topic of a real
 * broker, the production job on a MiniCluster, a real Elasticsearch node. The v1.1 and v2
 * fixtures hold the same tweets, so the topic holds them twice: the job must count each once.
 * Deleted posts must be gone from the windows' example ids and must withdraw their care cases.
 */
class MixedFormatsToElasticsearchTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW = 60_000;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void fourFormatsInOneTopicCountEachPostOnceAndForgetTheDeletedOnes(@TempDir Path dir) throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
        String posts = run + ".posts";
        String deletions = run + ".deletions";
        String deadLetters = run + ".dead-letters";
        KafkaTopics.ensure(kafka, 2, posts, deletions, deadLetters);

        // The fixtures delete posts that name no brand; this stream message deletes one that does
        // (the first tweet, to @tim_official), so that its leaving the windows' examples shows.
        Path laterDelete = Files.writeString(dir.resolve("later-delete.jsonl"), """
                {"delete":{"status":{"id":2123849384437698561,"id_str":"2123849384437698561","user_id":98127310,\
                "user_id_str":"98127310"},"timestamp_ms":"1795202000000"}}
                """);
        Map<String, Post> distinct = new LinkedHashMap<>();
        Set<String> deleted = new HashSet<>();
        long written = 0;
        for (String[] source : List.of(
                new String[] {"twitter-v1", "src/test/resources/ingest/twitter-v1.jsonl"},
                new String[] {"twitter-v2", "src/test/resources/ingest/twitter-v2.jsonl"},
                new String[] {"bluesky-jetstream", "src/test/resources/ingest/bluesky-jetstream.jsonl"},
                new String[] {"mastodon", "src/test/resources/ingest/mastodon.jsonl", "--instance", "mastodon.uno"},
                new String[] {"twitter-v1", laterDelete.toString()})) {
            Path out = Files.createTempFile(dir, source[0], ".ndjson");
            Path deletionsOut = Files.createTempFile(dir, source[0], "-deletions.ndjson");
            List<String> args = new ArrayList<>(List.of(source[0], source[1],
                    "--bootstrap-servers", kafka, "--topic", posts, "--dead-letter-topic", deadLetters,
                    "--deletions-topic", deletions, "--out", out.toString(), "--deletions", deletionsOut.toString()));
            args.addAll(List.of(source).subList(2, source.length));
            StringWriter err = new StringWriter();
            CommandLine ingest = new CommandLine(new IngestCommand());
            ingest.setErr(new PrintWriter(err, true));
            ingest.setOut(new PrintWriter(new StringWriter(), true));
            assertThat(ingest.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
            for (String line : Files.readAllLines(out)) {
                Post post = new CanonicalPostJson().parse(line.getBytes(StandardCharsets.UTF_8));
                distinct.putIfAbsent(post.platform() + ":" + post.id(), post);
                written++;
            }
            for (String line : Files.readAllLines(deletionsOut)) {
                deleted.add(JSON.readTree(line).get("id").asText());
            }
        }
        assertThat(written - distinct.size()).as("the tweets both X fixtures hold").isPositive();
        assertThat(distinct.values()).extracting(Post::platform).contains("twitter", "bluesky", "mastodon");
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        assertThat(distinct.values()).as("a deleted post that windows would show").filteredOn(p -> deleted.contains(p.id()))
                .anySatisfy(p -> assertThat(enricher.enrich(p).brands()).isNotEmpty());

        JobID job = runJob(kafka, es, run, posts, deletions, deadLetters);

        assertThat(counter(job, "recordsIngested")).isEqualTo(written);
        assertThat(counter(job, "postsDuplicated")).isEqualTo(written - distinct.size());
        Map<String, Long> expected = expectedWindowPosts(enricher, distinct.values());
        Map<String, JsonNode> windows = documents(es, run + "-windows-*");
        assertThat(windows.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, count) -> assertThat(windows.get(id).get("posts").asLong()).as("posts of %s", id).isEqualTo(count));
        assertThat(windows.values()).allSatisfy(w -> assertThat(w.get("example_post_ids"))
                .extracting(JsonNode::asText).doesNotContainAnyElementsOf(deleted));
        assertThat(windows.values()).as("the examples still name posts").anySatisfy(w -> assertThat(w.get("example_post_ids")).isNotEmpty());
        assertThat(documents(es, run + "-care-cases").values()).allSatisfy(c -> {
            if (deleted.contains(c.get("case_id").asText())) {
                assertThat(c.get("status").asText()).as("case %s", c.get("case_id").asText()).isEqualTo("deleted");
            }
        });
    }

    /** Posts per window document id, each post once under every brand and topic it is about. */
    private static Map<String, Long> expectedWindowPosts(Enricher enricher, Iterable<Post> posts) {
        Map<String, Long> windows = new TreeMap<>();
        for (Post post : posts) {
            EnrichedPost enriched = enricher.enrich(post);
            long windowStart = post.createdAt() - Math.floorMod(post.createdAt(), WINDOW);
            for (String brand : enriched.brands()) {
                for (String topic : enriched.topics()) {
                    windows.merge(brand + '|' + enriched.region().code() + '|' + topic + '|' + windowStart, 1L, Long::sum);
                }
            }
        }
        return windows;
    }

    private static JobID runJob(String kafka, String es, String run, String posts, String deletions, String deadLetters)
            throws Exception {
        // four files written one after the other: a later file's posts are up to half an hour
        // behind the first's, and must still count
        return JobRuns.run(JobRuns.job(kafka, es, run, posts, deadLetters)
                .deletionsTopic(deletions).allowedLateness(Duration.ofMinutes(60)), new Configuration());
    }

    private static long counter(JobID job, String name) {
        return JobRuns.counter(METRICS, job, name);
    }

    private static Map<String, JsonNode> documents(String es, String pattern) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_refresh?ignore_unavailable=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern
                + "/_search?size=1000&ignore_unavailable=true")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byId = new TreeMap<>();
        JSON.readTree(response.body()).path("hits").path("hits").forEach(hit -> byId.put(hit.get("_id").asText(), hit.get("_source")));
        return byId;
    }
}
