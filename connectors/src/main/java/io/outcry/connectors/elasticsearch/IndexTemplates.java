package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.GetIndexTemplateResponse;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.elasticsearch.indices.get_index_template.IndexTemplateItem;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Installs composable index templates ({@code PUT _index_template/<name>}) unless Elasticsearch
 * holds the same body already. The body goes out with its SHA-256 in
 * {@code _meta.outcry_template_sha256}; a writer that starts again (a restart, a new task)
 * reads the template back and sends it only when that hash differs or the template is missing,
 * so a restart does not re-send every template. A PUT that does go out is harmless: it replaces
 * the template with the same body, so writers may install at the same time. A template only
 * applies to indices created after it, hence installing before the first document.
 */
public final class IndexTemplates {

    static final String HASH_FIELD = "outcry_template_sha256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {}

    /** @param templates template name to its JSON body ({@code index_patterns}, {@code template}, ...) */
    public static void install(ElasticsearchClient client, Map<String, String> templates) throws IOException {
        for (Map.Entry<String, String> template : templates.entrySet()) {
            String hash = sha256(template.getValue());
            if (hash.equals(installedHash(client, template.getKey()))) {
                continue;
            }
            PutIndexTemplateRequest request = parse(template.getKey(), withHash(template.getValue(), hash));
            try {
                client.indices().putIndexTemplate(request);
            } catch (ElasticsearchException e) {
                throw new IOException("Elasticsearch refused index template '" + template.getKey() + "' (HTTP "
                        + e.status() + "): " + ElasticsearchBulkSender.describe(e.error())
                        + ". Fix the template body", e);
            }
        }
    }

    /** The hash the installed template carries, or null when it is missing or carries none. */
    private static String installedHash(ElasticsearchClient client, String name) throws IOException {
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
        for (IndexTemplateItem item : installed.indexTemplates()) {
            JsonData hash = item.indexTemplate().meta().get(HASH_FIELD);
            if (item.name().equals(name) && hash != null) {
                return hash.to(String.class);
            }
        }
        return null;
    }

    private static String withHash(String body, String hash) {
        try {
            ObjectNode template = (ObjectNode) JSON.readTree(body);
            JsonNode meta = template.get("_meta");
            (meta instanceof ObjectNode object ? object : template.putObject("_meta")).put(HASH_FIELD, hash);
            return JSON.writeValueAsString(template);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("Index template body is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads a template body, so that a malformed one fails when the job is built, not when it runs. */
    static PutIndexTemplateRequest parse(String name, String body) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An index template needs a non-blank name");
        }
        if (body == null) {
            throw new IllegalArgumentException("Index template '" + name + "' has no body");
        }
        try {
            return PutIndexTemplateRequest.of(request -> request.name(name).withJson(new StringReader(body)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Index template '" + name
                    + "' is not a valid composable index template body (index_patterns, template, ...): "
                    + e.getMessage(), e);
        }
    }

    /** Same, with a client of its own for callers outside a job. */
    public static void install(List<String> urls, Map<String, String> templates) throws IOException {
        try (ElasticsearchClient client = ElasticsearchClients.create(urls)) {
            install(client, templates);
        }
    }
}
