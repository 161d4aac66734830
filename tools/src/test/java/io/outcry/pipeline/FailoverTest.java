package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterReader;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TaskManager killed three times mid-stream changes nothing a reader can see. The production
 * job ({@link RunJob}) runs twice over one simulated firehose (malformed records, late posts
 * within the allowed lateness, a regional outage, posts beyond the lateness) on a real broker,
 * into a real Elasticsearch node, on a MiniCluster of two TaskManagers with one slot each:
 * once without failures, once with a TaskManager killed at three seeded points, each after a
 * checkpoint, and the job restarting from its latest checkpoint. Every index must hold the same
 * documents by id and content ({@code revision}, which counts firings, aside), the alerts and
 * zones topics the same records for {@code read_committed} readers, the dead-letter topic as
 * many letters of each kind, and a webhook receiver that drops repeated delivery ids the same
 * deliveries, none missing.
 *
 * <p>The run with kills reads the topic unbounded, and once a checkpoint has committed the
 * offsets of its end it stops with a drained savepoint, which ends it as the bounded clean run
 * ends: so the job cannot finish before its third kill, however fast the machine (a bounded
 * run once ended in 22 s on an idle machine, before the third kill could follow a checkpoint).
 * {@code -Doutcry.failover.posts=200000} runs the 200,000 as a benchmark
 * ({@code -Doutcry.failover.seed} moves the kills).
 */
class FailoverTest {

    private static final int POSTS = Integer.getInteger("outcry.failover.posts", 60_000);
    private static final long KILL_SEED = Long.getLong("outcry.failover.seed", 18);
    private static final int KILLS = 3;
    /** Posts sent again long after their window closed for good: dead letters in both runs alike. */
    private static final int TOO_LATE = 40;
    private static final Duration SIMULATED = Duration.ofMinutes(60);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            // one slot each, so that each TaskManager runs a subtask of every operator and a kill always hits the job
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    @Test
    void killingATaskManagerThreeTimesLeavesTheSameDocumentsRecordsDeadLettersAndWebhookDeliveries(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String name = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = name + ".posts";
        KafkaTopics.ensure(kafka, 2, postsTopic);

        SimulationConfig config = SimulationConfig.defaults()
                .withSeed(7)
                .withTime(SimulationConfig.DEFAULT_START, SIMULATED)
                .withRates(POSTS / (double) SIMULATED.toMinutes(), 0.01, 0.03);
        List<SimulatedRecord> records = new ArrayList<>();
        GroundTruth truth = new FirehoseSimulator(config).run(records::add);
        records.addAll(tooLate(records));
        try (KafkaSink sink = new KafkaSink(kafka, postsTopic)) {
            records.forEach(sink);
        }
        assertThat(truth.totals().malformed()).isPositive();
        assertThat(truth.totals().late()).isPositive();

        Run clean = new Run(name + "-clean", kafka);
        Run failing = new Run(name + "-failover", kafka);
        long started = System.nanoTime();
        JobClient cleanJob = clean.start(kafka, es, postsTopic, true);
        cleanJob.getJobExecutionResult().get();
        Duration cleanTook = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("FailoverTest: the run without failures took %d s%n", cleanTook.toSeconds());

        started = System.nanoTime();
        JobClient failingJob = failing.start(kafka, es, postsTopic, false);
        List<Duration> kills = killTaskManagers(cluster, failingJob.getJobID(), cleanTook);
        JobRuns.awaitCommittedToTheEnd(kafka, failing.name, postsTopic);
        failingJob.stopWithSavepoint(true, Files.createTempDirectory(failing.name + "-savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        failingJob.getJobExecutionResult().get();
        Duration failingTook = Duration.ofNanos(System.nanoTime() - started);
        clean.stopReceiver();
        failing.stopReceiver();
        System.out.printf("FailoverTest: %d records (%d malformed, %d late within the lateness, %d too late); clean run %d s,"
                        + " run with %d TaskManager kills at %s: %d s%n", records.size(), truth.totals().malformed(),
                truth.totals().late(), TOO_LATE, cleanTook.toSeconds(), kills.size(),
                kills.stream().map(d -> d.toSeconds() + " s").toList(), failingTook.toSeconds());
        assertThat(kills).as("TaskManager kills before the job finished").hasSize(KILLS);

        // Every difference is gathered first, so that one run of this heavy test shows them all.
        List<String> differences = new ArrayList<>();
        List<String> indices = indices(es, clean.name);
        for (String kind : List.of("-windows-", "-alerts", "-alerts-history-", "-zones", "-zones-history-", "-care-2", "-care-queue", "-care-cases")) {
            assertThat(indices).as("indices of the clean run").anySatisfy(index -> assertThat(index).startsWith(kind));
        }
        if (!indices(es, failing.name).equals(indices)) {
            differences.add("indices " + indices + " became " + indices(es, failing.name));
        }
        for (String index : indices) {
            Map<String, String> expected = JobRuns.comparableDocuments(es, clean.name + index);
            Map<String, String> actual = JobRuns.comparableDocuments(es, failing.name + index);
            List<String> differing = differing(expected, actual);
            System.out.printf("FailoverTest: <run>%s: %d documents, %d different after failures%n", index, expected.size(),
                    differing.size());
            differing.stream().limit(3).forEach(id -> differences.add("<run>" + index + " " + id + "\n  without failures: "
                    + expected.get(id) + "\n  with failures:    " + actual.get(id)));
            if (differing.size() > 3) {
                differences.add("<run>" + index + ": " + (differing.size() - 3) + " more documents differ");
            }
        }

        for (String topic : List.of(".alerts", ".zones")) {
            Map<String, List<String>> expected = recordsByKey(kafka, clean.name + topic);
            assertThat(expected).as("records on %s", topic).isNotEmpty();
            Map<String, List<String>> actual = recordsByKey(kafka, failing.name + topic);
            System.out.printf("FailoverTest: topic <run>%s: %d records, %d keys whose records differ after failures%n", topic,
                    expected.values().stream().mapToInt(List::size).sum(), differing(expected, actual).size());
            differing(expected, actual).stream().limit(3).forEach(key -> differences.add("topic <run>" + topic + " key " + key
                    + "\n  without failures: " + expected.get(key) + "\n  with failures:    " + actual.get(key)));
        }

        Map<String, Long> deadLetters = deadLettersByStage(kafka, clean.name);
        // a too-late post about no brand reaches no window, so it is no dead letter either
        assertThat(deadLetters).containsEntry(DeadLetter.STAGE_INGEST, truth.totals().malformed())
                .hasEntrySatisfying(DeadLetter.STAGE_LATE, late -> assertThat(late).isPositive().isLessThanOrEqualTo(TOO_LATE));
        Map<String, Long> deadLettersAfterFailures = deadLettersByStage(kafka, failing.name);
        System.out.printf("FailoverTest: dead letters by stage %s; after failures %s%n", deadLetters, deadLettersAfterFailures);
        if (!deadLettersAfterFailures.equals(deadLetters)) {
            differences.add("dead letters by stage " + deadLetters + " became " + deadLettersAfterFailures);
        }

        Map<String, String> delivered = clean.receiver.deduplicated();
        assertThat(delivered).as("webhook deliveries").isNotEmpty();
        assertThat(clean.receiver.requests()).as("requests of the run without failures").isEqualTo(delivered.size());
        Map<String, String> deliveredAfterFailures = failing.receiver.deduplicated();
        System.out.printf("FailoverTest: %d webhook deliveries; after failures %d distinct delivery ids in %d requests,"
                        + " %d missing, %d unexpected%n", delivered.size(), deliveredAfterFailures.size(), failing.receiver.requests(),
                delivered.keySet().stream().filter(id -> !deliveredAfterFailures.containsKey(id)).count(),
                deliveredAfterFailures.keySet().stream().filter(id -> !delivered.containsKey(id)).count());
        differing(delivered, deliveredAfterFailures).stream().limit(3).forEach(id -> differences.add("webhook delivery " + id
                + "\n  without failures: " + delivered.get(id) + "\n  with failures:    " + deliveredAfterFailures.get(id)));

        differences.forEach(difference -> System.out.println("FailoverTest: differs: " + difference));
        assertThat(differences).as("what a reader sees differently after %d TaskManager kills", KILLS).isEmpty();
    }

    /** One run of the job, with outputs named after it and a webhook receiver of its own. */
    private static final class Run {
        final String name;
        final Receiver receiver;

        Run(String name, String kafka) throws Exception {
            this.name = name;
            this.receiver = new Receiver();
            KafkaTopics.ensure(kafka, 2, name + ".dead-letters", name + ".alerts", name + ".zones");
        }

        /** Bounded, or reading on until it is stopped. */
        JobClient start(String kafka, String es, String postsTopic, boolean bounded) throws Exception {
            Configuration restarts = new Configuration();
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10 * KILLS);
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
            RunJob job = JobRuns.job(kafka, es, name, postsTopic, name + ".dead-letters")
                    .checkpointDir(Files.createTempDirectory(name).toString())
                    // short SLA and windows so that an hour of firehose pages the care desks too
                    .careSla(Duration.ofMinutes(10)).careWindow(Duration.ofMinutes(10)).careAlerts(20)
                    .webhookUrl(receiver.url())
                    .bounded(bounded);
            return JobRuns.start(job, restarts);
        }

        void stopReceiver() {
            receiver.server.stop(0);
        }
    }

    /**
     * Kills a TaskManager that runs the job at three seeded points spread over how long a run
     * without failures took, each once the job runs again and has completed a checkpoint since
     * the previous kill. A fresh TaskManager joins just before each kill, so the restart finds
     * a slot at once, as it would on a cluster with a spare. Returns when each kill came.
     */
    private static List<Duration> killTaskManagers(MiniCluster cluster, JobID job, Duration cleanRun) throws Exception {
        Random random = new Random(KILL_SEED);
        // TaskManagers by their index in the MiniCluster; those the job runs on, since each has one slot
        List<Integer> running = new ArrayList<>(List.of(0, 1));
        int started = 2;
        long start = System.nanoTime();
        long checkpointsAtLastKill = 0;
        List<Duration> kills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            double at = (0.15 + 0.55 * (k + random.nextDouble()) / KILLS) * cleanRun.toNanos();
            while (true) {
                AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
                if (graph.getState().isGloballyTerminalState()) {
                    return kills;
                }
                long completed = graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
                if (System.nanoTime() - start >= at && graph.getState() == JobStatus.RUNNING && allRunning(graph)
                        && completed > checkpointsAtLastKill) {
                    checkpointsAtLastKill = completed;
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            cluster.startTaskManager();
            while (cluster.requestClusterOverview().get().getNumTaskManagersConnected() < running.size() + 1) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            int victim = running.remove(random.nextInt(running.size()));
            cluster.terminateTaskManager(victim).get();
            kills.add(Duration.ofNanos(System.nanoTime() - start));
            running.add(started++);
        }
        return kills;
    }

    /** Until a checkpoint of the job reading as {@code group} has committed the topic's end offsets: everything read and processed. */
    private static boolean allRunning(AccessExecutionGraph graph) {
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            if (vertex.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** Copies of early posts under new ids, sent after the firehose: past their window's lateness by the best part of an hour. */
    private static List<SimulatedRecord> tooLate(List<SimulatedRecord> records) throws IOException {
        List<SimulatedRecord> copies = new ArrayList<>();
        for (SimulatedRecord record : records.subList(0, records.size() / 10)) {
            if (copies.size() == TOO_LATE) {
                break;
            }
            if (record.kind() == SimulatedRecord.Kind.POST && record.malformation() == null) {
                ObjectNode post = (ObjectNode) JSON.readTree(record.value());
                post.put("id", post.get("id").asText() + "9");
                copies.add(new SimulatedRecord(record.eventTime(), record.emitTime(), record.key(), JSON.writeValueAsBytes(post),
                        record.kind(), true, null));
            }
        }
        return copies;
    }

    /** The index names of a run, with the run's name taken off. */
    private static List<String> indices(String es, String run) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        JSON.readTree(send(HttpRequest.newBuilder(URI.create(es + "/_cat/indices/" + run + "-*?h=index&format=json")).GET()))
                .forEach(index -> names.add(index.get("index").asText().substring(run.length())));
        return names.stream().sorted().toList();
    }

    /** The keys only one side has, or that both have with another value. */
    private static <V> List<String> differing(Map<String, V> expected, Map<String, V> actual) {
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        return ids.stream().filter(id -> !java.util.Objects.equals(expected.get(id), actual.get(id))).toList();
    }

    /** A topic as a {@code read_committed} reader sees it: each key's values in the order written. */
    private static Map<String, List<String>> recordsByKey(String kafka, String topic) throws Exception {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaTopics.readAll(kafka, topic, Duration.ofSeconds(60))) {
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(new String(record.value(), StandardCharsets.UTF_8));
        }
        return byKey;
    }

    private static Map<String, Long> deadLettersByStage(String kafka, String run) throws Exception {
        return DeadLetterReader.readAll(kafka, run + ".dead-letters", Duration.ofSeconds(60)).stream()
                .collect(Collectors.groupingBy(DeadLetter::stage, TreeMap::new, Collectors.counting()));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A webhook receiver that acts on each delivery id once: it keeps the first body per id and counts every request. */
    private static final class Receiver {
        final HttpServer server;
        final List<String[]> received = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String id = exchange.getRequestHeaders().getFirst("X-Outcry-Delivery");
                received.add(new String[] {id, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int requests() {
            return received.size();
        }

        /** Each delivery id with its body; a repeat must carry the same body, or the id names two messages. */
        Map<String, String> deduplicated() {
            Map<String, String> byId = new TreeMap<>();
            for (String[] request : received) {
                assertThat(request[0]).as("delivery id header").isNotBlank();
                String first = byId.putIfAbsent(request[0], request[1]);
                assertThat(first == null ? request[1] : first).as("body of every send of delivery %s", request[0])
                        .isEqualTo(request[1]);
            }
            return byId;
        }
    }
}
