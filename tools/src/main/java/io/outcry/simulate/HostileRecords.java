package io.outcry.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records that try to break the job, made from valid simulated posts: each hostile kind
 * changes one thing a real firehose, a broken producer or an attacker can send, and says
 * whether the canonical parser must accept it; a random mutation cannot say, and its
 * {@link Kind#accepted} is null. {@link FuzzRecords} mixes them into a firehose.
 */
public final class HostileRecords {

    /** What one hostile record changes. */
    public enum Kind {
        VALID(true),
        ID_OF_300_CHARACTERS(false),
        HANDLE_OF_5000_CHARACTERS(false),
        /** A ~950 KB record whose follower count is a copy of a huge text: the reason must not quote it all. */
        HUGE_FOLLOWERS_FIELD(false),
        LONE_SURROGATE_IN_TEXT(true),
        NUL_AND_ANSI_ESCAPES_IN_TEXT(true),
        ANSI_ESCAPE_IN_HANDLE(false),
        NESTED_999_DEEP(true),
        NESTED_1001_DEEP(false),
        LATITUDE_1E400(false),
        DUPLICATE_KEY(false),
        TRAILING_DATA(false),
        UTF_16(true),
        FIRST_ALLOWED_DATE(true),
        DATE_BEFORE_SOCIAL_MEDIA(false),
        YEAR_9999(false),
        DATE_PAST_A_LONG(false),
        MUTATED(null);

        /** Whether the canonical parser must accept it; null when nobody can say beforehand. */
        public final Boolean accepted;

        Kind(Boolean accepted) {
            this.accepted = accepted;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Under Kafka's 1 MB default message size, so the broker takes it and the job must deal with it. */
    private static final int HUGE_RECORD_BYTES = 950_000;

    private HostileRecords() {}

    /** A valid post changed as {@code kind} says; {@code random} drives the mutations. */
    static byte[] make(Kind kind, byte[] valid, SplittableRandom random) {
        String json = new String(valid, StandardCharsets.UTF_8);
        return switch (kind) {
            case VALID -> valid;
            case ID_OF_300_CHARACTERS -> edit(valid, post -> post.put("id", "9".repeat(300)));
            case HANDLE_OF_5000_CHARACTERS -> edit(valid, post -> ((ObjectNode) post.get("author")).put("handle", "h".repeat(5000)));
            case HUGE_FOLLOWERS_FIELD -> edit(valid, post -> ((ObjectNode) post.get("author"))
                    .put("followers", "9".repeat(HUGE_RECORD_BYTES - valid.length)));
            case LONE_SURROGATE_IN_TEXT -> utf8(json.replaceFirst("\"text\":\"", "\"text\":\"\\\\ud800 \\\\udfff "));
            case NUL_AND_ANSI_ESCAPES_IN_TEXT -> utf8(json.replaceFirst("\"text\":\"", "\"text\":\"\\\\u0000\\\\u001b[31m "));
            case ANSI_ESCAPE_IN_HANDLE -> utf8(json.replaceFirst("\"handle\":\"", "\"handle\":\"\\\\u001b[2J"));
            // The post object is level 1, so 998 arrays under one of its fields reach 999.
            case NESTED_999_DEEP -> utf8("{\"deep\":" + "[".repeat(998) + "]".repeat(998) + "," + json.substring(1));
            case NESTED_1001_DEEP -> utf8("{\"deep\":" + "[".repeat(1000) + "]".repeat(1000) + "," + json.substring(1));
            case LATITUDE_1E400 -> utf8(json.substring(0, json.length() - 1) + ",\"coordinates\":{\"lat\":1e400,\"lon\":12.5}}");
            case DUPLICATE_KEY -> utf8("{\"id\":\"duplicate\"," + json.substring(1));
            case TRAILING_DATA -> utf8(json + " {\"id\":\"more\"}");
            case UTF_16 -> json.getBytes(StandardCharsets.UTF_16);
            case FIRST_ALLOWED_DATE -> edit(valid, post -> post.put("created_at", "2006-03-21T00:00:00Z"));
            case DATE_BEFORE_SOCIAL_MEDIA -> edit(valid, post -> post.put("created_at", "2006-03-20T23:59:59Z"));
            case YEAR_9999 -> edit(valid, post -> post.put("created_at", "9999-12-31T23:59:59Z"));
            case DATE_PAST_A_LONG -> utf8(json.replaceFirst("\"created_at\":\"[^\"]*\"", "\"created_at\":99999999999999999999"));
            case MUTATED -> mutate(valid, random);
        };
    }

    /** Up to eight random byte flips, insertions or deletions. */
    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        List<Byte> bytes = new ArrayList<>(valid.length + 8);
        for (byte b : valid) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && !bytes.isEmpty(); i++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, (byte) random.nextInt(256));
                default -> bytes.remove(at);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    interface Edit {
        void apply(ObjectNode post);
    }

    /** The post with one change made to its JSON tree. */
    static byte[] edit(byte[] valid, Edit edit) {
        try {
            JsonNode post = JSON.readTree(valid);
            edit.apply((ObjectNode) post);
            return JSON.writeValueAsBytes(post);
        } catch (IOException e) {
            throw new UncheckedIOException("a simulated post is valid JSON", e);
        }
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
