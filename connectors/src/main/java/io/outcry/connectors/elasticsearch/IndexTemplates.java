package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.ilm.IlmPolicy;
import co.elastic.clients.elasticsearch.indices.GetIndexTemplateResponse;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.elasticsearch.indices.get_index_template.IndexTemplateItem;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs composable index templates ({@code PUT _index_template/<name>}) by their
 * {@code version}, one rule: a writer that starts reads the installed template and sends its own
 * only when it is missing or its version is lower than the body's (a template without a version
 * counts as older: an Outcry before versions installed it). A template of an equal or higher
 * version is left alone, so a restart sends nothing and an administrator's changed template,
 * its version raised, survives every start. A template only applies to indices created after
 * it, hence installing before the first document.
 *
 * <p>Since an equal version is left alone, a start with other index settings (shards, replicas,
 * refresh interval, lifecycle) than the installed template's does not change it; each writer
 * logs a warning naming both. The settings a template went out with are in
 * {@code _meta.outcry_settings}, for that comparison only.
 */
public final class IndexTemplates {

    static final String SETTINGS_FIELD = "outcry_settings";
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every writer of every sink checks; one line per JVM says a cluster has no lifecycle management. */
    private static final AtomicBoolean TOLD_NO_LIFECYCLE = new AtomicBoolean();

    private IndexTemplates() {}

    /**
     * @param templates template name to its JSON body ({@code index_patterns}, {@code version},
     *                  {@code template}, ...), installed in this order
     * @param retentions how long the indices of some of them are kept, each for its templates'
     *                   (none: for ever)
     */
    public static void install(ElasticsearchClient client, Map<String, String> templates, List<Retention> retentions) throws IOException {
        Map<String, String> policies = new HashMap<>();
        for (Retention retention : retentions) {
            String policy = installPolicy(client, retention);
            if (policy != null) {
                retention.templates().forEach(template -> policies.put(template, policy));
            }
        }
        for (Map.Entry<String, String> template : templates.entrySet()) {
            String name = template.getKey();
            parse(name, template.getValue());
            ObjectNode body = object(name, template.getValue());
            String policy = policies.get(name);
            if (policy != null) {
                body.withObject("/template/settings").put("index.lifecycle.name", policy);
            }
            String settings = JSON.writeValueAsString(body.path("template").path("settings"));
            body.withObject("/_meta").put(SETTINGS_FIELD, settings);
            long version = body.get("version").asLong();
            IndexTemplateItem installed = installed(client, name);
            Long installedVersion = installed == null ? null : installed.indexTemplate().version();
            if (installedVersion != null && installedVersion >= version) {
                warnOnOtherSettings(name, installed, settings);
                continue;
            }
            try {
                client.indices().putIndexTemplate(parse(name, JSON.writeValueAsString(body)));
            } catch (ElasticsearchException e) {
                throw new IOException("Elasticsearch refused index template '" + name + "' (HTTP "
                        + e.status() + "): " + ElasticsearchBulkSender.describe(e.error())
                        + ". Fix the template body", e);
            }
            LOG.info("Installed index template '{}' version {} (Elasticsearch held {})", name, version,
                    installed == null ? "none" : installedVersion == null ? "one without a version" : "version " + installedVersion);
        }
    }

    /** Same, with a client of its own for callers outside a job. */
    public static void install(List<String> urls, Map<String, String> templates, List<Retention> retentions) throws IOException {
        try (ElasticsearchClient client = ElasticsearchClients.create(urls)) {
            install(client, templates, retentions);
        }
    }

    private static void warnOnOtherSettings(String name, IndexTemplateItem installed, String settings) {
        JsonData held = installed.indexTemplate().meta().get(SETTINGS_FIELD);
        String heldSettings = held == null ? null : held.to(String.class);
        if (!settings.equals(heldSettings)) {
            LOG.warn("Index template '{}' is kept as Elasticsearch holds it (version {}, settings {}), not with this start's"
                    + " settings {}: a template of an equal or higher version is never replaced. To apply them, delete"
                    + " the template (DELETE _index_template/{}) before the next start", name,
                    installed.indexTemplate().version(), Objects.requireNonNullElse(heldSettings, "not recorded"), settings, name);
        }
    }

    /** The installed template, or null when there is none. */
    private static IndexTemplateItem installed(ElasticsearchClient client, String name) throws IOException {
        GetIndexTemplateResponse installed;
        try {
            installed = client.indices().getIndexTemplate(request -> request.name(name));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw new IOException("Elasticsearch would not show index template '" + name + "' (HTTP " + e.status()
                    + "): " + ElasticsearchBulkSender.describe(e.error()), e);
        }
        return installed.indexTemplates().stream().filter(item -> item.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Installs the retention's lifecycle policy unless Elasticsearch holds one of its name.
     *
     * @return the policy's name, or null when the cluster has no index lifecycle management
     */
    private static String installPolicy(ElasticsearchClient client, Retention retention) throws IOException {
        if (!hasLifecycleManagement(client)) {
            if (TOLD_NO_LIFECYCLE.compareAndSet(false, true)) {
                LOG.warn("Elasticsearch has no index lifecycle management (ILM): the daily indices are not deleted after {};"
                        + " run `outcry retention --retention {}` every day to delete them", retention.age(), retention.age());
            }
            return null;
        }
        String name = retention.policyName();
        try {
            client.ilm().getLifecycle(request -> request.name(name));
            return name;
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw new IOException("Elasticsearch would not show lifecycle policy '" + name + "' (HTTP " + e.status() + "): "
                        + ElasticsearchBulkSender.describe(e.error()), e);
            }
        }
        String policy = JSON.readTree(retention.policyJson()).get("policy").toString();
        try {
            client.ilm().putLifecycle(request -> request.name(name)
                    .policy(IlmPolicy.of(p -> p.withJson(new StringReader(policy)))));
        } catch (ElasticsearchException e) {
            throw new IOException("Elasticsearch refused lifecycle policy '" + name + "' (HTTP " + e.status() + "): "
                    + ElasticsearchBulkSender.describe(e.error()) + ". The sink's user needs the cluster privilege manage_ilm,"
                    + " or leave --retention out and run `outcry retention`", e);
        }
        LOG.info("Installed lifecycle policy '{}'", name);
        return name;
    }

    /**
     * Whether {@code GET _ilm/status} answers. A node without the ILM module answers 400, 404 or
     * 405 (the 8.19 test node: 405, as no handler takes the path); anything else is a real error.
     */
    private static boolean hasLifecycleManagement(ElasticsearchClient client) throws IOException {
        int status;
        try {
            client.ilm().getStatus();
            return true;
        } catch (ElasticsearchException e) {
            status = e.status();
        } catch (TransportException e) {
            status = e.statusCode();
        }
        if (Set.of(400, 404, 405).contains(status)) {
            return false;
        }
        throw new IOException("Elasticsearch would not tell whether it has index lifecycle management (GET _ilm/status, HTTP "
                + status + "). The sink's user needs the cluster privilege read_ilm, or leave --retention out and run"
                + " `outcry retention`");
    }

    private static ObjectNode object(String name, String body) {
        try {
            if (JSON.readTree(body) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Index template '" + name + "' is not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Index template '" + name + "' is not a JSON object");
    }

    /**
     * Reads a template body, so that a malformed one, or one without a version, fails when the
     * job is built, not when it runs.
     */
    static PutIndexTemplateRequest parse(String name, String body) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An index template needs a non-blank name");
        }
        if (body == null) {
            throw new IllegalArgumentException("Index template '" + name + "' has no body");
        }
        JsonNode version = object(name, body).get("version");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber()) {
            throw new IllegalArgumentException("Index template '" + name + "' has no whole-number \"version\": templates are"
                    + " installed by version; raise it with every change of the body");
        }
        try {
            return PutIndexTemplateRequest.of(request -> request.name(name).withJson(new StringReader(body)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Index template '" + name
                    + "' is not a valid composable index template body (index_patterns, template, ...): "
                    + e.getMessage(), e);
        }
    }
}
