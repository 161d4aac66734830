package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outcry.cli.Outcry;
import io.outcry.connectors.elasticsearch.ElasticsearchClientSettings;
import io.outcry.connectors.elasticsearch.ElasticsearchClients;
import io.outcry.connectors.elasticsearch.IndexTemplates;
import io.outcry.connectors.elasticsearch.WriteDeniedException;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.index.IndexSettings;
import io.outcry.index.IndexTemplate;
import io.outcry.index.WindowDocuments;
import io.outcry.ingest.IngestCommand;
import io.outcry.stack.LocalElasticsearch;
import io.outcry.stack.LocalKafka;
import io.outcry.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import javax.net.ssl.SSLHandshakeException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.InstantiationUtil;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job against an Elasticsearch node with security on, over HTTPS with a certificate made for
 * the test: with the least-privilege role of docs/operations.md it writes its documents, the
 * password named only by reference appears neither in the job nor in the logs, and a user lacking
 * a privilege of that role is refused.
 */
class SecuredElasticsearchTest {

    /** The roles of docs/operations.md#secured-elasticsearch, and two that each lack one privilege of the writer. */
    private static final String ROLES = resource("/elasticsearch/outcry-roles.yml") + """
            outcry_writer_without_index:
              cluster: ["manage_index_templates"]
              indices:
                - names: ["outcry-*"]
                  privileges: ["auto_configure", "read", "view_index_metadata"]
            outcry_writer_without_templates:
              indices:
                - names: ["outcry-*"]
                  privileges: ["auto_configure", "index"]
            """;
    private static final String WRITER_PASSWORD = "writer-" + UUID.randomUUID();
    private static final String NO_INDEX_PASSWORD = "no-index-" + UUID.randomUUID();
    private static final String NO_TEMPLATES_PASSWORD = "no-templates-" + UUID.randomUUID();
    private static final String DASHBOARDS_PASSWORD = "dashboards-" + UUID.randomUUID();
    private static final String RETENTION_PASSWORD = "retention-" + UUID.randomUUID();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    static Path nodeDir;
    private static LocalElasticsearch elasticsearch;

    @BeforeAll
    static void startSecuredNode() throws Exception {
        elasticsearch = LocalElasticsearch.startSecured(nodeDir, ROLES, List.of(
                new LocalElasticsearch.User("writer", WRITER_PASSWORD, List.of("outcry_writer")),
                new LocalElasticsearch.User("no-index", NO_INDEX_PASSWORD, List.of("outcry_writer_without_index")),
                new LocalElasticsearch.User("no-templates", NO_TEMPLATES_PASSWORD, List.of("outcry_writer_without_templates")),
                new LocalElasticsearch.User("dashboards", DASHBOARDS_PASSWORD, List.of("outcry_reader")),
                new LocalElasticsearch.User("retention", RETENTION_PASSWORD, List.of("outcry_retention"))));
    }

    @AfterAll
    static void stopSecuredNode() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @Test
    void theJobWritesOverHttpsWithTheWriterRoleAndThePasswordIsNeitherInTheJobNorInTheLogs(@TempDir Path dir)
            throws Exception {
        String run = "outcry-secured-" + UUID.randomUUID().toString().substring(0, 8);
        String[] topics = ingestFixture(run);
        Path writer = settings(dir, "writer", WRITER_PASSWORD, "ssl.certificate_authorities=" + elasticsearch.caCertificate());

        RunJob job = JobRuns.job(kafka().bootstrapServers(), elasticsearch.url(), run, topics[0], topics[1])
                .elasticsearchProperties(writer);
        StreamExecutionEnvironment env = JobRuns.prepare(job, new Configuration());
        JobGraph graph = env.getStreamGraph(false).getJobGraph();
        String serialized = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);
        assertThat(serialized).as("the job carries the settings").contains("${file:", "writer");
        assertThat(serialized).as("but not the password").doesNotContain(WRITER_PASSWORD);
        assertThat(env.getConfig().getGlobalJobParameters().toMap().toString()
                + env.getConfiguration() + graph.getJobConfiguration()).doesNotContain(WRITER_PASSWORD);

        String logs = capturingLogs(() -> JobRuns.run(JobRuns.job(kafka().bootstrapServers(), elasticsearch.url(), run,
                topics[0], topics[1]).elasticsearchProperties(writer), new Configuration()));

        assertThat(count(dir, run + "-windows-*")).isPositive();
        assertThat(count(dir, run + "-care-cases")).isPositive();
        assertThat(count(dir, run + "-care-queue")).isPositive();
        assertThat(logs).as("the logs at INFO level hold the job's run").contains(run);
        assertThat(logs).as("no warning from Elasticsearch that a privilege of the role will not do in its next major release")
                .doesNotContain("will not permit");
        assertThat(logs).doesNotContain(WRITER_PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(("writer:" + WRITER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWriterRoleGrantsNothingBeyondWritingOutcryIndicesAndTheirTemplates(@TempDir Path dir) throws Exception {
        Map<String, String> writer = ElasticsearchClientSettings.load(settings(dir, "writer", WRITER_PASSWORD,
                "ssl.certificate_authorities=" + elasticsearch.caCertificate()));

        assertThat(status(writer, "PUT", "/outcry-writer-check/_doc/1?refresh=true", "{\"a\":1}")).isEqualTo(201);
        assertThat(status(writer, "PUT", "/not-outcry/_doc/1", "{\"a\":1}")).isEqualTo(403);
        assertThat(status(writer, "GET", "/outcry-writer-check/_search", null)).isEqualTo(403);
        assertThat(status(writer, "DELETE", "/outcry-writer-check", null)).isEqualTo(403);
        assertThat(status(writer, "GET", "/_cluster/health", null)).isEqualTo(403);
        assertThat(status(writer, "PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.max_shards_per_node\":1000}}"))
                .isEqualTo(403);
    }

    @Test
    void aUserWithReadInPlaceOfIndexStopsTheJobWithTheSinksOneLine(@TempDir Path dir) throws Exception {
        String run = "outcry-secured-" + UUID.randomUUID().toString().substring(0, 8);
        String[] topics = ingestFixture(run);
        Path noIndex = settings(dir, "no-index", NO_INDEX_PASSWORD, "ssl.ca_trusted_fingerprint=" + elasticsearch.caFingerprint());

        assertThatThrownBy(() -> JobRuns.run(JobRuns.job(kafka().bootstrapServers(), elasticsearch.url(), run, topics[0], topics[1])
                .elasticsearchProperties(noIndex), new Configuration()))
                .satisfies(failure -> assertThat(ExceptionUtils.findThrowable(failure, WriteDeniedException.class))
                        .get().extracting(Throwable::getMessage).asString()
                        .contains("lacks the index privilege 'index'", run)
                        .doesNotContain("\n"));
    }

    @Test
    void thePreflightStopsOutcryRunWithOneLineForAUserWhoMayNotWriteAndPassesTheWriter(@TempDir Path dir) throws Exception {
        String run = "outcry-secured-" + UUID.randomUUID().toString().substring(0, 8);
        String[] topics = ingestFixture(run);
        String trust = "ssl.certificate_authorities=" + elasticsearch.caCertificate();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine outcry = Outcry.commandLine();
        outcry.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

        // the command line itself, as a user types it
        int exit = outcry.execute("run", "--bootstrap-servers", kafka().bootstrapServers(), "--elasticsearch", elasticsearch.url(),
                "--posts-topic", topics[0], "--dead-letter-topic", topics[1],
                "--alerts-topic", run + ".alerts", "--zones-topic", run + ".zones",
                "--index-prefix", run + "-windows", "--alerts-index", run + "-alerts", "--zones-index", run + "-zones",
                "--care-index", run + "-care", "--care-queue-index", run + "-care-queue", "--care-cases-index", run + "-care-cases",
                "--elasticsearch-properties", settings(dir, "no-index", NO_INDEX_PASSWORD, trust).toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("lacks index privilege 'index' on ", "'" + run + "-windows-*'", "'" + run + "-care-queue'",
                        "'" + run + "-care-cases'")
                .doesNotContain(NO_INDEX_PASSWORD);
        RunJob writer = JobRuns.job(kafka().bootstrapServers(), elasticsearch.url(), run, topics[0], topics[1])
                .elasticsearchProperties(settings(dir, "writer", WRITER_PASSWORD, trust));
        assertThatCode(writer::preflight).doesNotThrowAnyException();
    }

    @Test
    void aUserWithoutTheTemplatePrivilegeCannotInstallTheTemplates(@TempDir Path dir) throws Exception {
        Map<String, String> settings = ElasticsearchClientSettings.load(settings(dir, "no-templates", NO_TEMPLATES_PASSWORD,
                "ssl.certificate_authorities=" + elasticsearch.caCertificate()));
        IndexTemplate template = WindowDocuments.indexTemplate("outcry-no-templates", IndexSettings.defaults());

        try (ElasticsearchClient client = ElasticsearchClients.create(List.of(elasticsearch.url()), settings)) {
            assertThatThrownBy(() -> IndexTemplates.install(client, Map.of(template.name(), template.body()), List.of()))
                    .hasMessageContaining("HTTP 403");
        }
    }

    @Test
    void aClientTrustsTheNodeOnlyThroughItsCaOrTheCasFingerprint(@TempDir Path dir) throws Exception {
        // As the superuser: the writer role may not even read the cluster's health.
        String admin = LocalElasticsearch.ADMIN_USER;
        String password = elasticsearch.adminPassword();
        Path byCa = settings(dir, admin, password, "ssl.certificate_authorities=" + elasticsearch.caCertificate());
        Path byFingerprint = settings(dir, admin, password, "ssl.ca_trusted_fingerprint=" + elasticsearch.caFingerprint());
        Path byOtherFingerprint = settings(dir, admin, password, "ssl.ca_trusted_fingerprint=" + "0f".repeat(32));
        Path byDefaultTrust = settings(dir, admin, password, "");

        assertThat(health(byCa)).isEqualTo(200);
        assertThat(health(byFingerprint)).isEqualTo(200);
        assertThatThrownBy(() -> health(byOtherFingerprint)).hasRootCauseMessage(
                "no certificate of the Elasticsearch node's chain has the SHA-256 fingerprint given in ssl.ca_trusted_fingerprint");
        assertThatThrownBy(() -> health(byDefaultTrust)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aPasswordInClearOrAMissingFileStopsOutcryRunBeforeTheJobWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path inClear = Files.writeString(dir.resolve("es.properties"), "username=writer\npassword=" + WRITER_PASSWORD + "\n");
        Path missing = dir.resolve("missing.properties");

        for (Path file : List.of(inClear, missing)) {
            StringWriter err = new StringWriter();
            CommandLine outcry = Outcry.commandLine();
            outcry.setErr(new PrintWriter(err, true));

            int exit = outcry.execute("run", "--elasticsearch", elasticsearch.url(), "--elasticsearch-properties", file.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().strip().lines()).singleElement().asString()
                    .startsWith("outcry run: --elasticsearch-properties " + file).doesNotContain(WRITER_PASSWORD);
        }
    }

    @Test
    void outcryRetentionDeletesOldDailyIndicesAsTheRetentionRoleWhichTheWriterMayNot(@TempDir Path dir) throws Exception {
        String trust = "ssl.certificate_authorities=" + elasticsearch.caCertificate();
        Map<String, String> writer = ElasticsearchClientSettings.load(settings(dir, "writer", WRITER_PASSWORD, trust));
        assertThat(status(writer, "PUT", "/outcry-retention-check-2020.01.01/_doc/1", "{\"a\":1}")).isEqualTo(201);
        String[] retention = {"retention", "--elasticsearch", elasticsearch.url(), "--retention", "30d",
                "--indices", "outcry-retention-check-*", "--elasticsearch-properties"};

        StringWriter refused = new StringWriter();
        CommandLine asWriter = Outcry.commandLine();
        asWriter.setErr(new PrintWriter(refused, true));
        int writerExit = asWriter.execute(concat(retention, settings(dir, "writer", WRITER_PASSWORD, trust).toString()));
        StringWriter out = new StringWriter();
        CommandLine asRetention = Outcry.commandLine();
        asRetention.setOut(new PrintWriter(out, true));
        int retentionExit = asRetention.execute(concat(retention, settings(dir, "retention", RETENTION_PASSWORD, trust).toString()));

        assertThat(writerExit).isNotZero();
        assertThat(refused.toString()).contains("security_exception");
        assertThat(retentionExit).isZero();
        assertThat(out.toString()).contains("delete outcry-retention-check-2020.01.01");
        Map<String, String> reader = ElasticsearchClientSettings.load(settings(dir, "dashboards", DASHBOARDS_PASSWORD, trust));
        assertThat(status(reader, "HEAD", "/outcry-retention-check-2020.01.01", null)).isEqualTo(404);
    }

    private static String[] concat(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    private static int status(Map<String, String> settings, String method, String endpoint, String json) throws Exception {
        try (RestClient client = ElasticsearchClients.restClient(List.of(elasticsearch.url()), settings)) {
            Request request = new Request(method, endpoint);
            if (json != null) {
                request.setJsonEntity(json);
            }
            return client.performRequest(request).getStatusLine().getStatusCode();
        } catch (ResponseException refused) {
            return refused.getResponse().getStatusLine().getStatusCode();
        }
    }

    private static int health(Path settings) throws Exception {
        try (RestClient client = ElasticsearchClients.restClient(List.of(elasticsearch.url()),
                ElasticsearchClientSettings.load(settings))) {
            return client.performRequest(new Request("GET", "/_cluster/health")).getStatusLine().getStatusCode();
        }
    }

    /** Settings for {@code user}, whose password sits in a secrets file beside them, plus {@code trust}. */
    private static Path settings(Path dir, String user, String password, String trust) throws Exception {
        Path secrets = Files.writeString(Files.createTempFile(dir, "es-secrets-", ".properties"), "password=" + password + "\n");
        return Files.writeString(Files.createTempFile(dir, "es-", ".properties"), String.join("\n",
                "username=" + user,
                "password=${file:" + secrets + ":password}",
                trust,
                ""));
    }

    /** The twitter-v1 fixture in a posts topic of its own; returns the posts and dead-letter topics. */
    private static String[] ingestFixture(String run) throws Exception {
        String posts = run + ".posts";
        String deadLetters = run + ".dead-letters";
        KafkaTopics.ensure(kafka().bootstrapServers(), 2, posts, deadLetters, run + ".alerts", run + ".zones");
        int exit = new CommandLine(new IngestCommand()).execute("twitter-v1", "src/test/resources/ingest/twitter-v1.jsonl",
                "--bootstrap-servers", kafka().bootstrapServers(), "--topic", posts, "--dead-letter-topic", deadLetters);
        assertThat(exit).isZero();
        return new String[] {posts, deadLetters};
    }

    private static LocalKafka kafka() {
        return LocalStack.sharedKafka();
    }

    /** Documents matching {@code pattern}, read as a user with the documented reader role. */
    private static long count(Path dir, String pattern) throws Exception {
        Map<String, String> reader = ElasticsearchClientSettings.load(settings(dir, "dashboards", DASHBOARDS_PASSWORD,
                "ssl.certificate_authorities=" + elasticsearch.caCertificate()));
        try (RestClient client = ElasticsearchClients.restClient(List.of(elasticsearch.url()), reader)) {
            client.performRequest(new Request("POST", "/" + pattern + "/_refresh"));
            String body = EntityUtils.toString(client.performRequest(new Request("GET", "/" + pattern + "/_count")).getEntity());
            return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
        }
    }

    /** What every logger writes at INFO and above while {@code action} runs, as a TaskManager's log would hold it. */
    private static String capturingLogs(ThrowingRunnable action) throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
        StringWriter captured = new StringWriter();
        WriterAppender appender = WriterAppender.createAppender(
                PatternLayout.newBuilder().withPattern("%d %-5p %c - %m%n%throwable").build(), null, captured,
                "secured-elasticsearch-test", false, true);
        appender.start();
        // The REST client logs through commons-logging, which falls back to java.util.logging here.
        ByteArrayOutputStream julCaptured = new ByteArrayOutputStream();
        StreamHandler jul = new StreamHandler(julCaptured, new SimpleFormatter());
        jul.setLevel(java.util.logging.Level.INFO);
        java.util.logging.Logger.getLogger("").addHandler(jul);
        Level level = config.getRootLogger().getLevel();
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        config.getRootLogger().setLevel(Level.INFO);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            config.getRootLogger().removeAppender(appender.getName());
            config.getRootLogger().setLevel(level);
            context.updateLoggers();
            appender.stop();
            jul.flush();
            java.util.logging.Logger.getLogger("").removeHandler(jul);
        }
        return captured + julCaptured.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = SecuredElasticsearchTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
