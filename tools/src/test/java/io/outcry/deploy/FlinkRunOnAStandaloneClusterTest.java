package io.outcry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalFlinkCluster;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real standalone Flink cluster (a JobManager and two TaskManagers, each its own
 * JVM), submitted with the README's command: {@code flink run -d <job jar> --bootstrap-servers ...
 * --elasticsearch ...}, through Flink's own command line. The job module's {@code package} has
 * shaded the jar before this module's tests run, so it shares their broker and node.
 */
class FlinkRunOnAStandaloneClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    @TempDir static Path workDir;
    private static LocalFlinkCluster cluster;
    private static String jobJar;

    @BeforeAll
    static void startCluster() throws IOException {
        jobJar = System.getProperty("outcry.job.jar", "");
        assertThat(Path.of(jobJar)).as("the job jar, which the job module's `package` builds").isRegularFile();
        cluster = LocalFlinkCluster.start(workDir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theReadmesFlinkRunIndexesPostsUntilTheJobIsCancelled() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = run + ".posts";
        KafkaTopics.ensure(kafka, 2, postsTopic, run + ".dead-letters", run + ".alerts", run + ".zones");
        SimulationConfig config = SimulationConfig.defaults()
                .withSeed(19)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(10))
                .withRates(100, 0.02, 0.03);
        try (KafkaSink sink = new KafkaSink(kafka, postsTopic)) {
            new FirehoseSimulator(config).run(sink);
        }

        LocalFlinkCluster.CommandOutput submit = cluster.flink(CLIENT_TIMEOUT,
                "run", "-d", jobJar,
                "--bootstrap-servers", kafka,
                "--elasticsearch", es,
                "--posts-topic", postsTopic,
                "--dead-letter-topic", run + ".dead-letters",
                "--alerts-topic", run + ".alerts",
                "--zones-topic", run + ".zones",
                "--index-prefix", run + "-windows",
                "--alerts-index", run + "-alerts",
                "--zones-index", run + "-zones",
                "--care-index", run + "-care",
                "--care-cases-index", run + "-care-cases",
                "--group-id", run,
                "--job-name", run);
        assertThat(submit.exitCode()).as(submit.text()).isZero();
        Matcher submitted = SUBMITTED.matcher(submit.text());
        assertThat(submitted.find()).as(submit.text()).isTrue();
        String jobId = submitted.group(1);

        long windows = await(Duration.ofMinutes(6), () -> count(es, run + "-windows-*"), n -> n > 0);
        assertThat(windows).as("window documents indexed by the job on the cluster").isPositive();
        assertThat(jobState(jobId)).isEqualTo("RUNNING");
        await(Duration.ofMinutes(3), () -> completedCheckpoints(jobId), n -> n > 0);
        assertThat(filesUnder(cluster.checkpointDir().resolve(jobId)))
                .as("checkpoints in the cluster's checkpoint directory")
                .anyMatch(file -> file.endsWith("_metadata"));

        LocalFlinkCluster.CommandOutput cancel = cluster.flink(CLIENT_TIMEOUT, "cancel", jobId);
        assertThat(cancel.exitCode()).as(cancel.text()).isZero();
        assertThat(await(Duration.ofMinutes(1), () -> jobState(jobId), "CANCELED"::equals)).isEqualTo("CANCELED");
    }

    @Test
    void aFlagMistakeFailsTheSubmissionNamingTheFlagAndSubmitsNothing() throws Exception {
        int jobsBefore = jobs().size();

        LocalFlinkCluster.CommandOutput submit = cluster.flink(CLIENT_TIMEOUT,
                "run", "-d", jobJar, "--bootstrap-servers", "localhost:9092", "--no-such-flag");

        assertThat(submit.exitCode()).isNotZero();
        assertThat(submit.text()).contains("Unknown option: '--no-such-flag'");
        assertThat(jobs()).hasSize(jobsBefore);
    }

    private static JsonNode rest(String path) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<JsonNode> jobs() throws IOException, InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        rest("/jobs/overview").get("jobs").forEach(jobs::add);
        return jobs;
    }

    private static String jobState(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId).get("state").asText();
    }

    private static long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId + "/checkpoints").at("/counts/completed").asLong();
    }

    private static long count(String es, String indices) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(es + "/" + indices + "/_count?ignore_unavailable=true")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("count").asLong() : 0;
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(Path::toString).toList();
        }
    }

    private interface Probe<T> {
        T get() throws IOException, InterruptedException;
    }

    /** Polls {@code probe} until {@code done} accepts its value or {@code timeout} passes; returns the last value. */
    private static <T> T await(Duration timeout, Probe<T> probe, Predicate<T> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            value = probe.get();
        }
        return value;
    }
}
