package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Installs composable index templates ({@code PUT _index_template/<name>}). Installing is
 * idempotent: a PUT replaces the template with the same body, so every sink writer, and the
 * demo before it starts, may install the same templates at the same time. A template only
 * applies to indices created after it, hence installing before the first document.
 */
public final class IndexTemplates {

    private IndexTemplates() {}

    /** @param templates template name to its JSON body ({@code index_patterns}, {@code template}, ...) */
    public static void install(ElasticsearchClient client, Map<String, String> templates) throws IOException {
        for (Map.Entry<String, String> template : templates.entrySet()) {
            PutIndexTemplateRequest request = parse(template.getKey(), template.getValue());
            try {
                client.indices().putIndexTemplate(request);
            } catch (ElasticsearchException e) {
                throw new IOException("Elasticsearch refused index template '" + template.getKey() + "' (HTTP "
                        + e.status() + "): " + ElasticsearchBulkSender.describe(e.error())
                        + ". Fix the template body", e);
            }
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
