package io.outcry.deletion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.RecordParser;
import io.outcry.post.Deletion;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a record of the deletions topic as {@code outcry ingest} writes it:
 * {@code {"platform", "id", "author_id", "deleted_at"}}, the last two optional ({@code deleted_at}
 * ISO-8601 or epoch milliseconds; without it the record's timestamp stands for it).
 */
public final class DeletionJson implements RecordParser<Deletion> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Deletion parse(byte[] value) throws InvalidRecordException {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("deletion is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRecordException("deletion cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException("a deletion is a JSON object {\"platform\", \"id\", \"author_id\", \"deleted_at\"}");
        }
        String platform = text(root, "platform");
        String id = text(root, "id");
        if (platform == null || id == null) {
            throw new InvalidRecordException("a deletion needs \"platform\" and \"id\" (the deleted post's), as strings");
        }
        return new Deletion(platform, id, text(root, "author_id"), deletedAt(root.get("deleted_at")));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isNumber() ? node.asText() : node.isTextual() ? node.textValue() : null;
        return text == null || text.isBlank() ? null : text;
    }

    private static long deletedAt(JsonNode node) throws InvalidRecordException {
        if (node == null || node.isNull()) {
            return -1;
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return node.longValue();
        }
        try {
            return Instant.parse(node.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("deleted_at '" + node.asText() + "' is neither ISO-8601 nor epoch milliseconds");
        }
    }
}
