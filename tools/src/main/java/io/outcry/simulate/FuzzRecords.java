package io.outcry.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded stream of records for fuzzing the job: simulated posts, copies of them, every
 * {@linkplain HostileRecords hostile kind}, edges the hostile kinds leave out, and random byte
 * and token mutations of valid posts. Nothing here says what a record must become: a fuzz test
 * holds the job to its invariant instead (every record read is a post, a dead letter or a
 * duplicate, and the counts add up exactly), which also covers the records nobody predicted.
 *
 * <p>The same seed and count give the same records, so a failure can be replayed.
 */
public final class FuzzRecords {

    /** What one record is made of, for a failure report and for counting the mix. */
    public enum Kind {
        VALID,
        /** A valid post sent again shortly after: a firehose reconnecting. */
        COPY,
        /** One of {@link HostileRecords.Kind}, the ~950 KB one only rarely. */
        HOSTILE,
        /**
         * About 1 MB, over the dead-letter size limit: the post's text copied over and over into
         * {@code text} (refused, so its dead letter must leave it out) or into an unknown field (accepted).
         */
        OVER_THE_DEAD_LETTER_LIMIT,
        /** An id of 256 three-byte characters: at the character limit, yet 768 bytes, past Elasticsearch's 512-byte ids. */
        ID_OF_256_WIDE_CHARACTERS,
        /** A handle of 320 four-byte characters (640 UTF-16 chars). */
        HANDLE_OF_320_EMOJI,
        DATE_AT_EPOCH_ZERO,
        NEGATIVE_DATE,
        DATE_AT_LONG_MIN,
        /** Year 999,999,999: a valid ISO instant whose milliseconds overflow a long. */
        DATE_PAST_AN_INSTANT_IN_MILLISECONDS,
        /** Up to eight random byte flips, insertions or deletions. */
        BYTE_MUTATION,
        /** A field removed, or its value swapped for one of another JSON type. */
        TOKEN_MUTATION,
        /** Cut at a random byte, as a producer that died mid-write leaves it. */
        TRUNCATED,
        /** Two random spans of bytes exchanged. */
        SPANS_SWAPPED
    }

    /** One record: what it was made as, its key and its value. */
    public record Fuzzed(Kind kind, HostileRecords.Kind hostile, byte[] key, byte[] value) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Over {@code DeadLetterHeaders.MAX_RECORD_BYTES} (996,000) and under Kafka's default 1 MB message limit. */
    private static final int OVER_LIMIT_BYTES = 1_000_000;
    /** How many records between two records of about a megabyte: enough to prove they are handled, few enough to stay fast. */
    private static final int RECORDS_PER_HUGE_ONE = 2_000;
    /** How far back a copy reaches: well within the job's deduplication horizon. */
    private static final int COPY_DISTANCE = 50;

    /** Share of each kind, the huge ones apart; the rest are valid posts. */
    private static final Map<Kind, Double> SHARES = Map.ofEntries(
            Map.entry(Kind.COPY, 0.05),
            Map.entry(Kind.HOSTILE, 0.12),
            Map.entry(Kind.ID_OF_256_WIDE_CHARACTERS, 0.005),
            Map.entry(Kind.HANDLE_OF_320_EMOJI, 0.005),
            Map.entry(Kind.DATE_AT_EPOCH_ZERO, 0.005),
            Map.entry(Kind.NEGATIVE_DATE, 0.005),
            Map.entry(Kind.DATE_AT_LONG_MIN, 0.005),
            Map.entry(Kind.DATE_PAST_AN_INSTANT_IN_MILLISECONDS, 0.005),
            Map.entry(Kind.BYTE_MUTATION, 0.08),
            Map.entry(Kind.TOKEN_MUTATION, 0.08),
            Map.entry(Kind.TRUNCATED, 0.03),
            Map.entry(Kind.SPANS_SWAPPED, 0.02));

    private FuzzRecords() {}

    /** Gives {@code count} records made from a firehose simulated with {@code seed}, in order. */
    public static void generate(long seed, int count, Consumer<Fuzzed> out) {
        SplittableRandom random = new SplittableRandom(seed);
        Iterator<SimulatedRecord> firehose = new FirehoseSimulator(SimulationConfig.defaults().withSeed(seed)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(30))
                // twice the posts needed on average: the simulator's rate is a peak, and it dips
                .withRates(Math.max(600, count / 15.0), 0, 0)).records();
        List<Fuzzed> recent = new ArrayList<>(COPY_DISTANCE);
        HostileRecords.Kind[] hostileKinds = HostileRecords.Kind.values();
        for (int i = 0; i < count; i++) {
            Kind kind = i % RECORDS_PER_HUGE_ONE == RECORDS_PER_HUGE_ONE / 2 ? Kind.OVER_THE_DEAD_LETTER_LIMIT : pick(random);
            if (kind == Kind.COPY && !recent.isEmpty()) {
                Fuzzed original = recent.get(random.nextInt(recent.size()));
                out.accept(new Fuzzed(Kind.COPY, null, original.key(), original.value()));
                continue;
            }
            if (!firehose.hasNext()) {
                throw new IllegalStateException("the simulated firehose ran out after " + i + " of " + count + " records");
            }
            SimulatedRecord base = firehose.next();
            Fuzzed record;
            if (kind == Kind.HOSTILE) {
                HostileRecords.Kind hostile = hostileKinds[random.nextInt(hostileKinds.length)];
                // the ~950 KB kind about as rarely as the other huge one
                if (hostile == HostileRecords.Kind.HUGE_FOLLOWERS_FIELD && random.nextInt(RECORDS_PER_HUGE_ONE / 100) != 0) {
                    hostile = HostileRecords.Kind.MUTATED;
                }
                record = new Fuzzed(kind, hostile, base.key(), HostileRecords.make(hostile, base.value(), random));
            } else {
                record = new Fuzzed(kind == Kind.COPY ? Kind.VALID : kind, null, base.key(), make(kind, base.value(), random));
            }
            if (record.kind() == Kind.VALID) {
                if (recent.size() == COPY_DISTANCE) {
                    recent.remove(0);
                }
                recent.add(record);
            }
            out.accept(record);
        }
    }

    private static Kind pick(SplittableRandom random) {
        double r = random.nextDouble();
        for (Kind kind : Kind.values()) {
            r -= SHARES.getOrDefault(kind, 0.0);
            if (r < 0) {
                return kind;
            }
        }
        return Kind.VALID;
    }

    static byte[] make(Kind kind, byte[] valid, SplittableRandom random) {
        return switch (kind) {
            case VALID, COPY, HOSTILE -> valid;
            case OVER_THE_DEAD_LETTER_LIMIT -> overTheLimit(valid, random.nextBoolean() ? "text" : "text_copy");
            case ID_OF_256_WIDE_CHARACTERS -> HostileRecords.edit(valid, post -> post.put("id", "€".repeat(256)));
            case HANDLE_OF_320_EMOJI -> HostileRecords.edit(valid, post -> ((ObjectNode) post.get("author")).put("handle", "😀".repeat(320)));
            case DATE_AT_EPOCH_ZERO -> HostileRecords.edit(valid, post -> post.put("created_at", 0));
            case NEGATIVE_DATE -> HostileRecords.edit(valid, post -> post.put("created_at", "-0001-01-01T00:00:00Z"));
            case DATE_AT_LONG_MIN -> HostileRecords.edit(valid, post -> post.put("created_at", Long.MIN_VALUE));
            case DATE_PAST_AN_INSTANT_IN_MILLISECONDS -> HostileRecords.edit(valid, post -> post.put("created_at", "+999999999-12-31T23:59:59Z"));
            case BYTE_MUTATION -> HostileRecords.make(HostileRecords.Kind.MUTATED, valid, random);
            case TOKEN_MUTATION -> HostileRecords.edit(valid, post -> mutateToken(post, random));
            case TRUNCATED -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case SPANS_SWAPPED -> swapSpans(valid, random);
        };
    }

    /**
     * The post with its text copied over and over into {@code field} until the record is just
     * under {@link #OVER_LIMIT_BYTES}: into {@code text} it is too long a text, into another
     * field an unknown field the parser skips.
     */
    private static byte[] overTheLimit(byte[] valid, String field) {
        ObjectNode post = tree(valid);
        String text = post.path("text").asText();
        StringBuilder copy = new StringBuilder(OVER_LIMIT_BYTES);
        while (copy.length() < OVER_LIMIT_BYTES) {
            copy.append(text.isEmpty() ? "copy " : text).append(' ');
        }
        post.put(field, copy.toString());
        byte[] record = writeBytes(post);
        while (record.length > OVER_LIMIT_BYTES) {
            // every character takes a byte at least, so cutting the excess in characters gets under
            int cut = copy.length() - (record.length - OVER_LIMIT_BYTES);
            if (Character.isHighSurrogate(copy.charAt(cut - 1))) {
                cut--;
            }
            copy.setLength(cut);
            post.put(field, copy.toString());
            record = writeBytes(post);
        }
        return record;
    }

    /** Removes a field, or gives it a value of another type, somewhere in the post's tree. */
    private static void mutateToken(ObjectNode post, SplittableRandom random) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(post, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        if (fields.isEmpty()) {
            target.put("", "");
            return;
        }
        String field = fields.get(random.nextInt(fields.size()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode value = switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> nodes.nullNode();
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.numberNode(random.nextLong());
            case 4 -> nodes.numberNode(new BigInteger("9".repeat(1 + random.nextInt(400))));
            case 5 -> nodes.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -0.0);
            case 6 -> nodes.textNode(random.nextBoolean() ? "" : target.path(field).toString());
            case 7 -> nodes.arrayNode().add(target.path(field).deepCopy());
            default -> nodes.objectNode().set(field, target.path(field).deepCopy());
        };
        if (value == null) {
            target.remove(field);
        } else {
            target.set(field, value);
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        if (node instanceof ObjectNode || node instanceof ArrayNode) {
            node.elements().forEachRemaining(child -> collectObjects(child, into));
        }
    }

    private static byte[] swapSpans(byte[] valid, SplittableRandom random) {
        int length = 1 + random.nextInt(Math.max(1, valid.length / 4));
        int a = random.nextInt(valid.length - length + 1);
        int b = random.nextInt(valid.length - length + 1);
        byte[] out = valid.clone();
        System.arraycopy(valid, a, out, b, length);
        System.arraycopy(valid, b, out, a, length);
        return out;
    }

    private static ObjectNode tree(byte[] valid) {
        try {
            return (ObjectNode) JSON.readTree(valid);
        } catch (IOException e) {
            throw new UncheckedIOException("a simulated post is valid JSON", e);
        }
    }

    private static byte[] writeBytes(JsonNode post) {
        try {
            return JSON.writeValueAsBytes(post);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree always serializes", e);
        }
    }
}
