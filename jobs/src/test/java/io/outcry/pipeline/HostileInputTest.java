package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterHeaders;
import io.outcry.connectors.deadletter.DeadLetterReader;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.post.CanonicalPostJson;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.HostileRecords;
import io.outcry.simulate.HostileRecords.Hostile;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile records on a real broker, through the production job on a MiniCluster with restarts
 * disabled, into a real Elasticsearch node: any record that escapes its dead letter fails the
 * job, and with it this test. Every record must end as a post or a dead letter, and every dead
 * letter must fit Kafka and keep its original bytes.
 */
class HostileInputTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void hostileRecordsAmongRealOnesNeverStopTheJobAndEachEndsAsAPostOrADeadLetter() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = run + ".posts";
        String deadLetterTopic = run + ".dead-letters";
        KafkaTopics.ensure(kafka, 2, postsTopic, deadLetterTopic, run + ".alerts", run + ".zones");

        List<SimulatedRecord> firehose = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(9)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(20))
                .withRates(300, 0, 0)).run(firehose::add);
        List<Hostile> records = HostileRecords.mix(firehose, 20, 1_000, 9);
        CanonicalPostJson parser = new CanonicalPostJson();
        List<String> refused = new ArrayList<>();
        long accepted = 0;
        for (Hostile h : records) {
            boolean parses = h.accepted() != null ? h.accepted() : parses(parser, h.value());
            if (parses) {
                accepted++;
            } else {
                refused.add(Base64.getEncoder().encodeToString(h.value()));
            }
        }
        try (KafkaSink sink = new KafkaSink(kafka, postsTopic)) {
            records.forEach(h -> sink.accept(new SimulatedRecord(0, 0, h.key(), h.value(), SimulatedRecord.Kind.MALFORMED, false, null)));
        }

        JobID job = runJob(kafka, es, run, postsTopic, deadLetterTopic);

        assertThat(counter(job, "recordsIngested") + counter(job, "recordsDeadLettered")).isEqualTo(records.size());
        assertThat(counter(job, "recordsIngested")).isEqualTo(accepted);
        List<DeadLetter> deadLetters = DeadLetterReader.readAll(kafka, deadLetterTopic, Duration.ofSeconds(30));
        List<DeadLetter> unreadable = deadLetters.stream().filter(d -> d.stage().equals(DeadLetter.STAGE_INGEST)).toList();
        assertThat(deadLetters).as("Elasticsearch refused no document").noneMatch(d -> d.stage().equals(DeadLetter.STAGE_INDEX));
        assertThat(unreadable.stream().map(d -> Base64.getEncoder().encodeToString(d.payload())).sorted().toList())
                .as("every refused record, with its original bytes").isEqualTo(refused.stream().sorted().toList());
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.reason()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_LENGTH + 40);
            assertThat(d.payload().length).isLessThanOrEqualTo(DeadLetterHeaders.MAX_RECORD_BYTES);
        });
        assertThat(windowDocuments(es, run + "-windows-*")).as("the real posts still made windows").isPositive();
    }

    private static boolean parses(CanonicalPostJson parser, byte[] value) {
        try {
            parser.parse(value, System.currentTimeMillis());
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    private static JobID runJob(String kafka, String es, String run, String postsTopic, String deadLetterTopic) throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return JobRuns.run(kafka, es, run, postsTopic, deadLetterTopic, noRestarts);
    }

    private static long counter(JobID job, String name) {
        return JobRuns.counter(METRICS, job, name);
    }

    private static long windowDocuments(String es, String pattern) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_count")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(count.body());
        return body.path("count").asLong();
    }
}
