package io.outcry.index;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes a document's JSON straight to bytes, field by field, with the mapper's own generator:
 * the bytes a tree of the same fields would serialize to, without building the tree for every
 * document the job sends.
 */
final class DocumentJson {

    /** The fields of one JSON object, written in order. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private DocumentJson() {}

    static byte[] object(ObjectMapper mapper, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory never fails", e);
        }
        return out.toByteArray();
    }

    /** As {@code ObjectNode.put(name, Long)}: null when there is none. */
    static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value.longValue());
        }
    }

    /** As {@code ObjectNode.put(name, Double)}: null when there is none. */
    static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value.doubleValue());
        }
    }
}
