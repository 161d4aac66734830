package io.outcry.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ways a simulated record is broken, each one a mistake real producers make. Every result
 * is a single line, so it stays one record in an NDJSON file.
 */
public enum Malformation {
    INVALID_JSON,
    TRUNCATED_JSON,
    MISSING_ID,
    MISSING_CREATED_AT,
    NEGATIVE_FOLLOWERS,
    LATITUDE_OUT_OF_RANGE,
    /** epoch seconds where milliseconds belong: the post lands in January 1970 */
    CREATED_AT_IN_1970,
    JSON_ARRAY,
    EMPTY;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Breaks a valid canonical post. */
    byte[] apply(byte[] validPost) {
        String json = new String(validPost, StandardCharsets.UTF_8);
        return switch (this) {
            case INVALID_JSON -> json.replaceFirst("\"platform\":\"(\\w+)\"", "platform:$1").getBytes(StandardCharsets.UTF_8);
            case TRUNCATED_JSON -> json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8);
            case MISSING_ID -> edit(validPost, post -> post.remove("id"));
            case MISSING_CREATED_AT -> edit(validPost, post -> post.remove("created_at"));
            case NEGATIVE_FOLLOWERS -> edit(validPost, post -> ((ObjectNode) post.get("author")).put("followers", -3));
            case LATITUDE_OUT_OF_RANGE -> edit(validPost, post -> post.putObject("coordinates").put("lat", 123.0).put("lon", 14.25));
            case CREATED_AT_IN_1970 -> edit(validPost, post -> post.put("created_at",
                    java.time.Instant.parse(post.get("created_at").asText()).getEpochSecond()));
            case JSON_ARRAY -> ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
            case EMPTY -> new byte[0];
        };
    }

    private interface Edit {
        void apply(ObjectNode post);
    }

    private static byte[] edit(byte[] validPost, Edit edit) {
        try {
            ObjectNode post = (ObjectNode) MAPPER.readTree(validPost);
            edit.apply(post);
            return MAPPER.writeValueAsBytes(post);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulator's own post JSON is always readable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
