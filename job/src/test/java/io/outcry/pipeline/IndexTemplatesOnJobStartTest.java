package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.index.AlertDocuments;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a start of the production job does to the index templates of a real Elasticsearch node:
 * the job runs on a MiniCluster over an empty topic, so what it changes is only what its sink
 * writers do when they start.
 */
class IndexTemplatesOnJobStartTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aStartSetsTheOptionsSettingsUpgradesAnOlderTemplateAndLeavesAnAdministratorsNewerOne() throws Exception {
        String es = LocalStack.sharedElasticsearch().url();
        String run = "templates-" + UUID.randomUUID().toString().substring(0, 8);
        // An administrator's windows template: a version above the job's, a refresh interval of their own.
        put(es, "/_index_template/" + run + "-windows", """
                {"index_patterns": ["%s-windows-*"], "version": 100, "priority": 200,
                 "template": {"settings": {"refresh_interval": "42s"}}}""".formatted(run));
        // The alerts template as Outcry installed it before versions: one template for the alerts and their history.
        put(es, "/_index_template/" + run + "-alerts", """
                {"index_patterns": ["%s-alerts", "%s-alerts-history-*"], "priority": 200,
                 "_meta": {"managed_by": "outcry", "outcry_template_sha256": "9f86d0"},
                 "template": {"settings": {"number_of_shards": 1, "refresh_interval": "2s"}}}""".formatted(run, run));

        // The test node has no ILM module: the retention must leave the templates without a lifecycle policy.
        startOnEmptyTopic(es, run, job -> job.indexShards(2).indexReplicas(1).indexRefreshInterval(Duration.ofSeconds(30))
                .retention(Duration.ofDays(30)));

        JsonNode windows = template(es, run + "-windows");
        assertThat(windows.path("version").asInt()).isEqualTo(100);
        assertThat(windows.at("/template/settings/index/refresh_interval").asText()).isEqualTo("42s");
        JsonNode alerts = template(es, run + "-alerts");
        int bundled = JSON.readTree(AlertDocuments.class.getResourceAsStream(AlertDocuments.TEMPLATE_RESOURCE)).path("version").asInt();
        assertThat(alerts.path("version").asInt()).as("the older template is upgraded").isEqualTo(bundled);
        assertThat(alerts.path("index_patterns").toString()).isEqualTo("[\"" + run + "-alerts\"]");
        assertThat(template(es, run + "-alerts-history").path("index_patterns").toString())
                .isEqualTo("[\"" + run + "-alerts-history-*\"]");
        for (String index : List.of(run + "-care-2026.12.05", run + "-zones-history-2026.12.05", run + "-care-cases")) {
            put(es, "/" + index, "{}");
            JsonNode settings = get(es, "/" + index + "/_settings?flat_settings=true").path(index).path("settings");
            assertThat(settings.path("index.number_of_shards").asText()).as(index).isEqualTo("2");
            assertThat(settings.path("index.number_of_replicas").asText()).as(index).isEqualTo("1");
            assertThat(settings.path("index.refresh_interval").asText()).as(index).isEqualTo("30s");
            assertThat(settings.has("index.lifecycle.name")).as(index).isFalse();
        }
        String adminsIndex = run + "-windows-2026.12.05";
        put(es, "/" + adminsIndex, "{}");
        assertThat(get(es, "/" + adminsIndex + "/_settings?flat_settings=true").at("/" + adminsIndex + "/settings")
                .path("index.refresh_interval").asText()).isEqualTo("42s");
    }

    @Test
    void withManageTemplatesFalseAStartSendsNoTemplate() throws Exception {
        String es = LocalStack.sharedElasticsearch().url();
        String run = "untemplated-" + UUID.randomUUID().toString().substring(0, 8);

        startOnEmptyTopic(es, run, job -> job.manageTemplates(false));

        HttpResponse<String> templates = HTTP.send(HttpRequest.newBuilder(URI.create(es + "/_index_template/" + run + "*")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(templates.statusCode()).as("Elasticsearch's answer when no template matches").isEqualTo(404);
        assertThat(JSON.readTree(templates.body()).path("index_templates")).isEmpty();
    }

    /** Runs the job to the end of an empty posts topic: its writers start, and so install their templates. */
    private static void startOnEmptyTopic(String es, String run, UnaryOperator<RunJob> settings) throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String postsTopic = run + ".posts";
        String deadLetterTopic = run + ".dead-letters";
        KafkaTopics.ensure(kafka, 2, postsTopic, deadLetterTopic, run + ".alerts", run + ".zones");
        JobRuns.run(settings.apply(JobRuns.job(kafka, es, run, postsTopic, deadLetterTopic)), new Configuration());
    }

    private static JsonNode template(String es, String name) throws Exception {
        JsonNode found = get(es, "/_index_template/" + name).path("index_templates");
        assertThat(found).as("template " + name).hasSize(1);
        return found.get(0).path("index_template");
    }

    private static JsonNode get(String es, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(es + path)).GET().build());
    }

    private static void put(String es, String path, String body) throws Exception {
        send(HttpRequest.newBuilder(URI.create(es + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.method() + " " + request.uri() + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
