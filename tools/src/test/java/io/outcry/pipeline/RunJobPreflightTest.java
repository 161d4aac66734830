package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.outcry.cli.Outcry;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.stack.LocalKafka;
import io.outcry.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code outcry run} checks what its tasks would otherwise find out by failing and restarting,
 * before any job is built: a mistake ends the command with exit code 2 and one line (a job that
 * got as far as running would not return at all).
 */
class RunJobPreflightTest {

    @Test
    void aCatalogMistakeStopsTheSubmissionWithOneLineNamingTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path brands = dir.resolve("brands.yaml");
        Files.writeString(brands, """
                brands:
                  - id: tim
                    name: TIM
                    industry: telco
                    context: [rete mobile]
                """);

        Result result = run("--brands", brands.toString(), "--no-preflight");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains(brands.toString(), "'rete mobile' must be one word");
    }

    @Test
    void aKafkaThatDoesNotAnswerStopsTheSubmissionWithOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = run("--bootstrap-servers", "127.0.0.1:" + closedPort, "--preflight-timeout", "3s");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("Kafka at 127.0.0.1:" + closedPort + " did not answer", "--bootstrap-servers");
    }

    @Test
    void aWrongPasswordStopsTheSubmissionWithOneLineSayingAuthenticationFailed(@TempDir Path dir) throws Exception {
        LocalKafka kafka = LocalStack.sharedKafka();
        Path secrets = dir.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + LocalKafka.SASL_USER + "\" password=\"not-" + kafka.saslPassword() + "\";\n");
        Path properties = dir.resolve("kafka.properties");
        Files.writeString(properties, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=" + LocalKafka.SASL_MECHANISM
                + "\nsasl.jaas.config=${file:" + secrets + ":sasl.jaas.config}\n");

        Result result = run("--bootstrap-servers", kafka.saslBootstrapServers(), "--kafka-properties", properties.toString(),
                "--preflight-timeout", "10s");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("authentication failed").doesNotContain(kafka.saslPassword());
    }

    @Test
    void aPostsTopicThatDoesNotExistStopsTheSubmissionAndAnExistingOnePasses() throws Exception {
        LocalKafka kafka = LocalStack.sharedKafka();
        String topic = "preflight-" + UUID.randomUUID();

        Result result = run("--bootstrap-servers", kafka.bootstrapServers(), "--posts-topic", topic);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("topic '" + topic + "' does not exist at " + kafka.bootstrapServers());
        KafkaTopics.ensure(kafka.bootstrapServers(), 1, topic);
        assertThatCode(() -> RunJob.fromArgs("--bootstrap-servers", kafka.bootstrapServers(), "--posts-topic", topic,
                "--elasticsearch", LocalStack.sharedElasticsearch().url()).preflight()).doesNotThrowAnyException();
    }

    private record Result(int exit, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine outcry = Outcry.commandLine();
        outcry.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        String[] command = new String[args.length + 1];
        command[0] = "run";
        System.arraycopy(args, 0, command, 1, args.length);
        int exit = outcry.execute(command);
        return new Result(exit, err.toString(StandardCharsets.UTF_8));
    }
}
