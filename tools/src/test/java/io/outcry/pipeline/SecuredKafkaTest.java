package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.cli.Outcry;
import io.outcry.connectors.kafka.KafkaClientProperties;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.ingest.IngestCommand;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.stack.LocalKafka;
import io.outcry.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job and {@code outcry ingest} against the real broker's SCRAM listener, with
 * {@code --kafka-properties} naming the password only by reference: every post arrives, the
 * refused record reaches the dead-letter topic, and the password is nowhere in the job.
 */
class SecuredKafkaTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void theJobReadsAndWritesThroughASaslListenerWithThePasswordOnlyInASecretsFile(@TempDir Path dir) throws Exception {
        LocalKafka kafka = LocalStack.sharedKafka();
        String secured = kafka.saslBootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "secured-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = run + ".posts";
        String deadLetterTopic = run + ".dead-letters";
        KafkaTopics.ensure(kafka.bootstrapServers(), 2, postsTopic, deadLetterTopic, run + ".alerts", run + ".zones");
        Path properties = clientProperties(dir, kafka.saslPassword());

        int ingested = new CommandLine(new IngestCommand()).execute("twitter-v1", "src/test/resources/ingest/twitter-v1.jsonl",
                "--bootstrap-servers", secured, "--kafka-properties", properties.toString(), "--topic", postsTopic,
                "--dead-letter-topic", deadLetterTopic);
        assertThat(ingested).isZero();
        try (KafkaSink sink = new KafkaSink(secured, postsTopic, "test", KafkaClientProperties.load(properties))) {
            byte[] malformed = "{\"id\": \"no text\"".getBytes(StandardCharsets.UTF_8);
            sink.accept(new SimulatedRecord(0, 0, "bad".getBytes(StandardCharsets.UTF_8), malformed,
                    SimulatedRecord.Kind.MALFORMED, false, null));
        }

        RunJob job = JobRuns.job(secured, es, run, postsTopic, deadLetterTopic).kafkaProperties(properties);
        StreamExecutionEnvironment env = JobRuns.prepare(job, new Configuration());
        JobGraph graph = env.getStreamGraph(false).getJobGraph();
        String serialized = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);
        assertThat(serialized).as("the job carries the settings").contains("SASL_PLAINTEXT", "${file:");
        assertThat(serialized).as("but not the password").doesNotContain(kafka.saslPassword());

        JobID id = JobRuns.run(JobRuns.job(secured, es, run, postsTopic, deadLetterTopic).kafkaProperties(properties),
                new Configuration());

        // twitter-v1.jsonl maps to 7 posts (IngestCommandTest)
        assertThat(JobRuns.counter(METRICS, id, "recordsIngested")).isEqualTo(7);
        assertThat(JobRuns.counter(METRICS, id, "recordsDeadLettered")).isEqualTo(1);
        assertThat(KafkaTopics.readAll(kafka.bootstrapServers(), deadLetterTopic, Duration.ofSeconds(10)))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .contains("{\"id\": \"no text\"");
        assertThat(windowDocuments(es, run + "-windows-*")).isPositive();
    }

    @Test
    void aWrongPasswordIsRefusedByTheListenerSoTheTestAboveProvesTheSettingsWork(@TempDir Path dir) throws Exception {
        LocalKafka kafka = LocalStack.sharedKafka();
        Map<String, Object> config = new HashMap<>(KafkaClientProperties.load(clientProperties(dir, "not-the-password")));
        config.put("bootstrap.servers", kafka.saslBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aPasswordWrittenInClearInThePropertiesFileStopsTheJobBeforeItStartsWithOneLine(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("kafka.properties");
        Files.writeString(properties, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"outcry\" password=\"hunter2\";\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine outcry = Outcry.commandLine();
        outcry.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = outcry.execute("run", "--kafka-properties", properties.toString());

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(message.strip().lines()).hasSize(1);
        assertThat(message).contains(properties.toString(), "sasl.jaas.config", "${file:").doesNotContain("hunter2");
    }

    /** Client settings for the SCRAM listener whose JAAS line, with the password, sits in a second file. */
    private static Path clientProperties(Path dir, String password) throws Exception {
        Path secrets = dir.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + LocalKafka.SASL_USER + "\" password=\"" + password + "\";\n");
        Path properties = dir.resolve("kafka.properties");
        Files.writeString(properties, String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=" + LocalKafka.SASL_MECHANISM,
                "sasl.jaas.config=${file:" + secrets + ":sasl.jaas.config}",
                ""));
        return properties;
    }

    private static long windowDocuments(String es, String pattern) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }
}
