package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The production job run once over a bounded topic, with every output named after the run, for end-to-end tests. */
final class JobRuns {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Every index a run writes, as patterns after the run's name. */
    static final List<String> INDICES = List.of("-windows-*", "-alerts", "-alerts-history-*", "-zones",
            "-zones-history-*", "-care-2*", "-care-cases");

    private JobRuns() {}

    /**
     * The production job over {@code postsTopic} to its end, with windows, alerts, zones and
     * care indexed under {@code run}'s name, for a test to set more on and {@link #run}.
     */
    static RunJob job(String kafka, String es, String run, String postsTopic, String deadLetterTopic) {
        return RunJob.defaults()
                .bootstrapServers(kafka)
                .postsTopic(postsTopic)
                .deadLetterTopic(deadLetterTopic)
                .groupId(run)
                .startingOffsets("earliest")
                .bounded(true)
                .elasticsearch(es)
                .indexPrefix(run + "-windows")
                .alertsIndex(run + "-alerts").alertsTopic(run + ".alerts")
                .zonesIndex(run + "-zones").zonesTopic(run + ".zones")
                .careIndex(run + "-care").careQueueIndex(run + "-care-queue").careCasesIndex(run + "-care-cases")
                .parallelism(2)
                .checkpointInterval(Duration.ofSeconds(2))
                .jobName(run);
    }

    /** Runs the job to its end. */
    static JobID run(RunJob job, Configuration conf) throws Exception {
        return prepare(job, conf).execute(job.jobName()).getJobID();
    }

    /** The same, started in the background, for a test that acts on the job while it runs. */
    static JobClient start(RunJob job, Configuration conf) throws Exception {
        return prepare(job, conf).executeAsync(job.jobName());
    }

    /** The environment {@link #run} executes, with the job built in it, for a test that starts it itself. */
    static StreamExecutionEnvironment prepare(RunJob job, Configuration conf) {
        StreamExecutionEnvironment env = job.environment(conf);
        job.job().build(env);
        return env;
    }

    /** Waits until the consumer group {@code group} has committed the end of every partition of {@code topic}, as it is now. */
    static void awaitCommittedToTheEnd(String kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                assertThat(System.nanoTime()).as("offsets %s committed by %s, to reach %s", committed, group, end).isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    /** A counter summed over the job's subtasks. */
    static long counter(InMemoryReporter metrics, JobID job, String name) {
        return metrics.findMetrics(job, name).values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }

    /**
     * Every document of the indices matching {@code index} (none when there is no such index) by
     * id (a scroll, so no cap), as its content with keys sorted, without {@code revision} (which
     * counts firings): what two runs over one topic must agree on.
     */
    static Map<String, String> comparableDocuments(String es, String index) throws Exception {
        send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh?ignore_unavailable=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        Map<String, String> byId = new TreeMap<>();
        JsonNode page = JSON.readTree(send(HttpRequest.newBuilder(
                URI.create(es + "/" + index + "/_search?ignore_unavailable=true&scroll=1m&size=5000")).GET()));
        while (page.get("hits").get("hits").size() > 0) {
            for (JsonNode hit : page.get("hits").get("hits")) {
                ObjectNode source = (ObjectNode) hit.get("_source");
                source.remove("revision");
                String canonical = JSON.writeValueAsString(JSON.treeToValue(source, Object.class));
                assertThat(byId.put(hit.get("_id").asText(), canonical))
                        .as("id %s twice in %s", hit.get("_id").asText(), index).isNull();
            }
            page = JSON.readTree(send(HttpRequest.newBuilder(URI.create(es + "/_search/scroll"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"scroll\": \"1m\", \"scroll_id\": \"" + page.get("_scroll_id").asText() + "\"}"))));
        }
        return byId;
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
