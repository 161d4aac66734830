package io.outcry.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled index templates, with the index patterns of the indices a job was told to write. */
final class IndexTemplates {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IndexTemplates() {}

    /** The template at classpath {@code resource} with its {@code index_patterns} set to {@code patterns}. */
    static byte[] withPatterns(String resource, String... patterns) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; rebuild the jobs jar");
            }
            ObjectNode template = (ObjectNode) MAPPER.readTree(in);
            ArrayNode array = template.putArray("index_patterns");
            for (String pattern : patterns) {
                array.add(pattern);
            }
            return MAPPER.writeValueAsBytes(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
