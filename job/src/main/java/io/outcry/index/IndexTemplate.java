package io.outcry.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.elasticsearch.Retention;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One index template the job installs.
 *
 * @param name  the template's name in Elasticsearch
 * @param body  its JSON, with its {@code version}
 * @param daily whether it owns daily indices ({@code <prefix>-yyyy.MM.dd}), the ones a retention
 *              deletes; an index updated in place (alerts, zones, care cases as they stand) is not
 */
public record IndexTemplate(String name, String body, boolean daily) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The template at classpath {@code resource}, its {@code index_patterns} set to {@code patterns}, with the settings. */
    static IndexTemplate bundled(String resource, String name, boolean daily, IndexSettings settings, String... patterns) {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; rebuild the jobs jar");
            }
            ObjectNode template = (ObjectNode) MAPPER.readTree(in);
            ArrayNode array = template.putArray("index_patterns");
            for (String pattern : patterns) {
                array.add(pattern);
            }
            ObjectNode indexSettings = template.withObject("/template/settings");
            indexSettings.put("number_of_shards", settings.shards());
            indexSettings.put("number_of_replicas", settings.replicas());
            if (settings.refreshInterval() != null) {
                indexSettings.put("refresh_interval", Retention.timeValue(settings.refreshInterval()));
            }
            return new IndexTemplate(name, MAPPER.writeValueAsString(template), daily);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
