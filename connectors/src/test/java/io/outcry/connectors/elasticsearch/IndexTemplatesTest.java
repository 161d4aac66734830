package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.IndexTemplate;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The version rule of {@link IndexTemplates} against a real Elasticsearch node. */
class IndexTemplatesTest {

    private static ElasticsearchClient client;
    private String name;

    @BeforeAll
    static void connect() {
        client = ElasticsearchClients.create(List.of(LocalStack.sharedElasticsearch().url()));
    }

    @AfterAll
    static void disconnect() throws IOException {
        client.close();
    }

    @BeforeEach
    void nameTemplateAfterTest(TestInfo test) {
        name = "outcry-versions-" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    }

    /** A template of {@code <name>-*} with a version, a priority to tell bodies apart, and a refresh interval. */
    private String body(String version, int priority) {
        return """
                {"index_patterns": ["%s-*"], %s "priority": %d, "_meta": {"managed_by": "outcry"},
                 "template": {"settings": {"number_of_shards": 1, "refresh_interval": "5s"},
                   "mappings": {"properties": {"brand": {"type": "keyword"}}}}}
                """.formatted(name, version == null ? "" : "\"version\": " + version + ",", priority);
    }

    private void putAsAdministrator(String name, String body) throws IOException {
        client.indices().putIndexTemplate(r -> r.name(name).withJson(new StringReader(body)));
    }

    private IndexTemplate installed(String name) throws IOException {
        return client.indices().getIndexTemplate(g -> g.name(name)).indexTemplates().get(0).indexTemplate();
    }

    @Test
    void installsAMissingTemplate() throws Exception {
        IndexTemplates.install(client, Map.of(name, body("3", 200)), List.of());

        assertThat(installed(name).version()).isEqualTo(3);
        assertThat(installed(name).priority()).isEqualTo(200);
    }

    @Test
    void leavesATemplateOfTheSameVersionAloneSoARestartSendsNothing() throws Exception {
        IndexTemplates.install(client, Map.of(name, body("3", 200)), List.of());
        // The same version with another body: only a template that was not sent again keeps it.
        putAsAdministrator(name, body("3", 201));

        IndexTemplates.install(client, Map.of(name, body("3", 200)), List.of());

        assertThat(installed(name).priority()).isEqualTo(201);
    }

    @Test
    void aTemplateAnAdministratorChangedWithAHigherVersionSurvivesAStart() throws Exception {
        putAsAdministrator(name, body("7", 250).replace("\"5s\"", "\"60s\""));

        IndexTemplates.install(client, Map.of(name, body("3", 200)), List.of());

        IndexTemplate kept = installed(name);
        assertThat(kept.version()).isEqualTo(7);
        assertThat(kept.priority()).isEqualTo(250);
        assertThat(kept.template().settings().index().refreshInterval().time()).isEqualTo("60s");
    }

    @Test
    void upgradesAnOlderTemplateAndOneWithoutAVersion() throws Exception {
        String unversioned = name.replace("outcry-versions-", "outcry-unversioned-");
        putAsAdministrator(name, body("2", 250));
        // As Outcry installed templates before they had versions: with the hash of their body.
        putAsAdministrator(unversioned, body(null, 250).replace(name + "-*", unversioned + "-*")
                .replace("{\"managed_by\"", "{\"outcry_template_sha256\": \"9f86d0\", \"managed_by\""));

        Map<String, String> templates = new LinkedHashMap<>();
        templates.put(name, body("3", 200));
        templates.put(unversioned, body("1", 200).replace(name + "-*", unversioned + "-*"));
        IndexTemplates.install(client, templates, List.of());

        assertThat(installed(name).version()).isEqualTo(3);
        assertThat(installed(name).priority()).isEqualTo(200);
        assertThat(installed(unversioned).version()).isEqualTo(1);
        assertThat(installed(unversioned).meta()).containsKey(IndexTemplates.SETTINGS_FIELD)
                .doesNotContainKey("outcry_template_sha256");
    }

    @Test
    void onANodeWithoutLifecycleManagementARetentionSendsTheTemplatesWithoutAPolicy() throws Exception {
        Retention retention = new Retention(Duration.ofDays(30), List.of(name));

        IndexTemplates.install(client, Map.of(name, body("3", 200)), List.of(retention));
        client.indices().create(c -> c.index(name + "-2026.12.01"));

        assertThat(installed(name).template().settings().index().lifecycle())
                .as("the test node has no ILM module, which refuses index.lifecycle.name").isNull();
        assertThat(client.indices().getSettings(g -> g.index(name + "-2026.12.01")).get(name + "-2026.12.01")
                .settings().index().refreshInterval().time()).isEqualTo("5s");
    }
}
