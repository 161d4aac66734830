package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts and zones carry their example posts to read, and the posts index holds every post they cite
 * even when it keeps only a tenth of the rest: the production job on 40 simulated minutes (the
 * default complaint spike and outage) with {@code --posts-sample 0.1}, on the shared broker and node.
 */
class CitedPostsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void everyCitedPostIsReadableOnItsAlertOrZoneAndKeptInTheSampledPostsIndex() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "cited-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(kafka, 2, run + ".posts", run + ".dead-letters", run + ".alerts", run + ".zones");
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(7)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(40)).withRates(400, 0.02, 0.03))
                .run(records::add);
        StoppedRuns.produce(kafka, run + ".posts", records);

        JobRuns.run(JobRuns.job(kafka, es, run, run + ".posts", run + ".dead-letters")
                .postsIndex(run + "-posts").postsSample(0.1), new Configuration());

        Map<String, JsonNode> posts = documents(es, run + "-posts-*");
        Map<String, JsonNode> alerts = documents(es, run + "-alerts");
        List<JsonNode> examples = new ArrayList<>();
        alerts.values().stream().filter(alert -> alert.path("level").asText().startsWith("brand"))
                .forEach(alert -> alert.path("explanation").path("examples").forEach(examples::add));
        assertThat(examples).as("the spike alerts' examples").hasSizeGreaterThan(5);
        int spikeExamples = examples.size();
        documents(es, run + "-zones").values().forEach(zone -> zone.path("examples").forEach(examples::add));
        assertThat(examples.size() - spikeExamples).as("the outage zones' examples").isPositive();
        assertThat(examples).allSatisfy(example -> {
            assertThat(example.path("text").asText()).isNotBlank();
            assertThat(example.path("permalink").asText()).matches("https://x\\.com/[^/]+/status/" + example.path("id").asText());
            assertThat(posts).as("the posts index holds cited post %s", example.path("id").asText())
                    .containsKey("twitter:" + example.path("id").asText());
        });

        long citedOnly = posts.values().stream().filter(post -> post.path("cited_only").asBoolean()).count();
        long brandPosts = records.stream().filter(record -> record.value() != null).count();
        assertThat(citedOnly).as("cited posts the sample left out, written from their citation").isPositive();
        assertThat(posts.size() - citedOnly).as("the sampled posts, a tenth of %d records at most", brandPosts)
                .isPositive().isLessThan(brandPosts / 8);
        for (JsonNode example : examples) {
            JsonNode post = posts.get("twitter:" + example.path("id").asText());
            assertThat(post.path("text").asText()).isEqualTo(example.path("text").asText());
            assertThat(post.path("brands")).isNotEmpty();
            assertThat(post.path("window_start").asText()).isNotBlank();
        }
    }

    private static Map<String, JsonNode> documents(String es, String index) throws Exception {
        Map<String, JsonNode> parsed = new HashMap<>();
        for (Map.Entry<String, String> doc : JobRuns.comparableDocuments(es, index).entrySet()) {
            parsed.put(doc.getKey(), JSON.readTree(doc.getValue()));
        }
        return parsed;
    }
}
