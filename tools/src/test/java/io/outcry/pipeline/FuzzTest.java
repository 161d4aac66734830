package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterHeaders;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.post.CanonicalPostJson;
import io.outcry.simulate.FuzzRecords;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzed records ({@link FuzzRecords}) on a real broker, through the production job on a
 * MiniCluster with restarts disabled, into a real Elasticsearch node: a record that escapes
 * its dead letter fails the job, and with it this test. Nobody says beforehand what each record
 * must become; the job is held to its invariant instead: records read = posts + dead letters
 * by reason + duplicates, exactly, and every dead letter within the limits Kafka sets.
 *
 * <p>CI runs {@value #DEFAULT_RECORDS} records; {@code -Doutcry.fuzz.records=100000} runs the
 * issue's full size, and {@code -Doutcry.fuzz.seed=N} another mix. It prints its counts and rates.
 */
class FuzzTest {

    private static final int DEFAULT_RECORDS = 20_000;
    private static final int RECORDS = Integer.getInteger("outcry.fuzz.records", DEFAULT_RECORDS);
    private static final long SEED = Long.getLong("outcry.fuzz.seed", 18);

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void fuzzedRecordsNeverStopTheJobAndEveryRecordReadIsAPostADeadLetterOrADuplicate() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = run + ".posts";
        String deadLetterTopic = run + ".dead-letters";
        KafkaTopics.ensure(kafka, 2, postsTopic, deadLetterTopic, run + ".alerts", run + ".zones");

        // What the parser refuses, by digest, to find each among the dead letters with its original bytes.
        CanonicalPostJson parser = new CanonicalPostJson();
        Map<String, Integer> refused = new HashMap<>();
        List<Integer> tooLargeToKeep = new ArrayList<>();
        long writing = System.nanoTime();
        try (KafkaSink sink = new KafkaSink(kafka, postsTopic)) {
            FuzzRecords.generate(SEED, RECORDS, record -> {
                if (!parses(parser, record.value())) {
                    if (record.key().length + record.value().length > DeadLetterHeaders.MAX_RECORD_BYTES) {
                        tooLargeToKeep.add(record.value().length);
                    } else {
                        refused.merge(digest(record.value()), 1, Integer::sum);
                    }
                }
                sink.accept(new SimulatedRecord(0, 0, record.key(), record.value(), SimulatedRecord.Kind.MALFORMED, false, null));
            });
        }
        double writeSeconds = (System.nanoTime() - writing) / 1e9;
        long refusedCount = refused.values().stream().mapToLong(Integer::longValue).sum() + tooLargeToKeep.size();

        long started = System.nanoTime();
        JobID job = runJob(kafka, es, run, postsTopic, deadLetterTopic);
        double jobSeconds = (System.nanoTime() - started) / 1e9;

        Reconciliation records = Reconciliation.of(name -> JobRuns.counter(METRICS, job, name));
        System.out.printf(Locale.ROOT, "fuzz: %,d records (seed %d) written in %.1f s; job ran %.1f s from submission to its end, "
                        + "%,.0f records/s; %s%n",
                RECORDS, SEED, writeSeconds, jobSeconds, RECORDS / jobSeconds, records.line());
        assertThat(records.holds()).as(records.line()).isTrue();
        assertThat(records.read()).isEqualTo(RECORDS);
        assertThat(records.unreadable()).as("the records the parser refuses").isEqualTo(refusedCount);
        assertThat(records.duplicates()).as("copies of posts sent again").isPositive();
        assertThat(records.posts()).isPositive();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaTopics.readAll(kafka, deadLetterTopic, Duration.ofMinutes(2));
        Map<String, Long> byStage = new HashMap<>();
        List<Integer> omitted = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            DeadLetter deadLetter = DeadLetterHeaders.fromConsumerRecord(record);
            byStage.merge(deadLetter.stage(), 1L, Long::sum);
            assertThat(deadLetter.reason()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_LENGTH + 40);
            // a size is -1 when there is no key or value
            assertThat(Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()))
                    .isLessThanOrEqualTo(DeadLetterHeaders.MAX_RECORD_BYTES);
            if (!deadLetter.stage().equals(DeadLetter.STAGE_INGEST)) {
                continue;
            }
            Header omittedBytes = record.headers().lastHeader(DeadLetterHeaders.OMITTED);
            if (omittedBytes != null) {
                omitted.add(Integer.parseInt(new String(omittedBytes.value(), StandardCharsets.UTF_8)));
                assertThat(deadLetter.payload()).isEmpty();
                assertThat(deadLetter.topic()).isEqualTo(postsTopic);
                assertThat(deadLetter.offset()).as("the offset that points at the original").isNotNegative();
            } else {
                String digest = digest(deadLetter.payload());
                assertThat(refused.get(digest)).as("a refused record's original bytes, once each").isPositive();
                refused.merge(digest, -1, Integer::sum);
            }
        }
        assertThat(byStage.getOrDefault(DeadLetter.STAGE_INDEX, 0L)).as("documents Elasticsearch refused").isZero();
        assertThat(byStage.getOrDefault(DeadLetter.STAGE_INGEST, 0L)).isEqualTo(records.unreadable());
        assertThat(byStage.getOrDefault(DeadLetter.STAGE_LATE, 0L)).isEqualTo(records.tooLate());
        assertThat(byStage.getOrDefault(DeadLetter.STAGE_ENRICH, 0L)).isEqualTo(records.notEnriched());
        assertThat(omitted).as("records too large to keep, referenced by their size and offset instead")
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(tooLargeToKeep);
        assertThat(refused.values()).as("every refused record found among the dead letters").allMatch(n -> n == 0);
        assertThat(windowDocuments(es, run + "-windows-*")).as("the valid posts still made windows").isPositive();
    }

    private static long windowDocuments(String es, String pattern) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_count")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(count.body()).path("count").asLong();
    }

    private static boolean parses(CanonicalPostJson parser, byte[] value) {
        try {
            parser.parse(value, System.currentTimeMillis());
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    private static String digest(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JobID runJob(String kafka, String es, String run, String postsTopic, String deadLetterTopic) throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return JobRuns.run(JobRuns.job(kafka, es, run, postsTopic, deadLetterTopic), noRestarts);
    }
}
