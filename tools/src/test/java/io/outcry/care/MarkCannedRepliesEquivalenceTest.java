package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link MarkCannedReplies} and {@link ReplyFingerprint} against their former selves
 * ({@link FormerMarkCannedReplies}, {@link FormerReplyFingerprint}): the same words, signatures,
 * marks and examples, and the same state left behind, on simulated replies and random texts.
 */
class MarkCannedRepliesEquivalenceTest {

    private static final CannedReplySettings DEFAULTS = CannedReplySettings.defaults();
    private static final TypeInformation<long[]> LONGS = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

    @Test
    void findsTheSameWordsAndSignaturesAsBeforeInRandomTexts() {
        ReplyFingerprint fingerprint = new ReplyFingerprint(DEFAULTS);
        FormerReplyFingerprint former = new FormerReplyFingerprint(DEFAULTS);
        String[] pieces = {"Ciao", "ciao", "CIAO", "Giulia", "grazie", "Grazie", "thank you", "Thanks", "hi", "Hi", "HELLO", "dear",
            "gentilissima", "Cara", "caro", "salve", "Buonasera", "hey", "Tom", "Élodie", "Ärger", "Ωmega", "ǅemal", "𝐀bc", "𝐴",
            "😀", "👍🏽", "\uD835", "\uDC00", "@giulia_rossi", "@tim", "@", "^AB", "^ JD", "^", "-JD", "– Marta", "— Ann.", "~ab",
            "/AB", "-", "/", "https://t.co/Ab12", "HTTP://X.Y", "www.tim.it", "WwW.x", "ww.", "://", "n. 48213", "18:30", "FR123",
            "²", "½", "٣", "𝟎", "Ⅻ", "è", "é", "à", "ò", "ù", "perché", "e\u0301", "a\u0308", "\u20DD", "\uD834\uDD65", "ﬁ", "ß",
            "İ", "ı", "ǈ", ",", ".", "!", "?", ":", ";", "'", "\"", "(", ")", "_", "#", "&", " ", "  ", "\t", "\n", "\r\n", "\u000B",
            "\f", "\u00A0", "\u2028", "\u3000", "\u0085", "ci dispiace per il disagio", "we'll be in touch", "DM", "in DM",
            "scriviamo", "ticket", "aperto", "1234", "x1", "1x", "x_y", "ab12cd", "Ǆ", "ÿ", "Ÿ", "ﬀ", "ℌ", "ǲ", "ᾼ"};
        SplittableRandom random = new SplittableRandom(20261206L);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(25); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    text.append(random.nextInt(4) == 0 ? "" : " ");
                }
            }
            String t = text.toString();
            assertThat(ReplyFingerprint.words(t)).as(t).isEqualTo(FormerReplyFingerprint.words(t));
            if (i % 10 == 0) {
                assertThat(fingerprint.signature(t)).as(t).isEqualTo(former.signature(t));
                assertThat(fingerprint.shingles(t)).as(t).containsExactlyElementsOf(former.shingles(t));
            }
        }
    }

    @Test
    void marksSimulatedRepliesAndKeepsStateAsBefore() throws Exception {
        List<BrandReply> replies = simulatedReplies();
        assertThat(replies).hasSizeGreaterThan(1_000);
        for (CannedReplySettings settings : List.of(DEFAULTS,
                DEFAULTS.withMaxRemembered(40).withHorizon(Duration.ofMinutes(30)),
                DEFAULTS.withMaxRemembered(7).withThreshold(0.5),
                DEFAULTS.withHorizon(Duration.ofMinutes(5)).withThreshold(0.9))) {
            for (Duration lateness : List.of(Duration.ZERO, Duration.ofMinutes(5))) {
                assertSameRun(replies, settings, lateness, 1);
                assertSameRun(replies, settings, lateness, 37);
            }
        }
    }

    @Test
    void marksShuffledTemplatesWithFewDistinctTextsAsBefore() throws Exception {
        // many near-duplicates into few buckets: groups re-filed at nearly every reply, variants, evictions
        SplittableRandom random = new SplittableRandom(11L);
        String[] words = {"ciao", "ci", "dispiace", "per", "il", "disagio", "abbiamo", "aperto", "la", "segnalazione", "ti",
            "scriviamo", "in", "DM", "grazie", "della", "pazienza", "sorry", "we", "are", "on", "it"};
        List<BrandReply> replies = new ArrayList<>();
        long at = 1_795_200_000_000L;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder("@cliente" + random.nextInt(50) + " Ciao Anna, ");
            int template = random.nextInt(6);
            for (int w = 0; w < 8 + template; w++) {
                text.append(words[(template * 3 + w) % words.length]).append(' ');
            }
            if (random.nextInt(3) == 0) {
                text.append(words[random.nextInt(words.length)]);
            }
            at += random.nextInt(20_000);
            replies.add(new BrandReply(random.nextBoolean() ? "tim" : "vodafone", "p" + i, "q" + i, at - random.nextInt(60_000),
                    "care", text.toString(), random.nextInt(10) == 0 ? null : "cliente" + random.nextInt(50), false, null));
        }
        for (CannedReplySettings settings : List.of(DEFAULTS, DEFAULTS.withMaxRemembered(5).withHorizon(Duration.ofMinutes(20)))) {
            assertSameRun(replies, settings, Duration.ofMinutes(1), 13);
        }
    }

    private static void assertSameRun(List<BrandReply> replies, CannedReplySettings settings, Duration lateness, int watermarkEvery)
            throws Exception {
        KeyedProcessOperator<String, BrandReply, BrandReply> now = new KeyedProcessOperator<>(new MarkCannedReplies(settings, lateness));
        KeyedProcessOperator<String, BrandReply, BrandReply> before =
                new KeyedProcessOperator<>(new FormerMarkCannedReplies(settings, lateness));
        try (KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> a = harness(now);
             KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> b = harness(before)) {
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < replies.size(); i++) {
                BrandReply reply = replies.get(i);
                a.processElement(new StreamRecord<>(reply, reply.createdAt()));
                b.processElement(new StreamRecord<>(reply, reply.createdAt()));
                if (i % watermarkEvery == 0) {
                    watermark = Math.max(watermark, reply.createdAt() - 30_000);
                    a.processWatermark(watermark);
                    b.processWatermark(watermark);
                }
                if (i % 400 == 0) {
                    assertThat(state(now)).as("state after %d replies", i).isEqualTo(state(before));
                }
            }
            assertThat(state(now)).isEqualTo(state(before));
            assertThat(a.numEventTimeTimers()).isEqualTo(b.numEventTimeTimers());
            a.processWatermark(Long.MAX_VALUE);
            b.processWatermark(Long.MAX_VALUE);
            assertThat(a.extractOutputValues()).hasSize(replies.size()).isEqualTo(b.extractOutputValues())
                    .anyMatch(BrandReply::canned).anyMatch(r -> !r.canned());
            assertThat(state(now)).isEqualTo(state(before));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> harness(
            KeyedProcessOperator<String, BrandReply, BrandReply> operator) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, BrandReply, BrandReply> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, BrandReply::brand, Types.STRING);
        harness.open();
        return harness;
    }

    /** Every brand's state, readable: groups, buckets, expiries, pending replies and counters. */
    private static Map<String, String> state(KeyedProcessOperator<String, BrandReply, BrandReply> operator) throws Exception {
        KeyedStateBackend<String> backend = operator.getKeyedStateBackend();
        MapStateDescriptor<Long, RememberedReply> groups = new MapStateDescriptor<>("cannedGroups", Types.LONG,
                TypeInformation.of(RememberedReply.class));
        MapStateDescriptor<Long, long[]> buckets = new MapStateDescriptor<>("cannedBuckets", Types.LONG,
                LONGS);
        MapStateDescriptor<Long, long[]> expiries = new MapStateDescriptor<>("cannedExpiries", Types.LONG,
                LONGS);
        MapStateDescriptor<Long, List<BrandReply>> pending = new MapStateDescriptor<>("cannedPending", Types.LONG,
                Types.LIST(TypeInformation.of(BrandReply.class)));
        // the current tracker files them in chunks (ListsByTime); the former in a list per time
        MapStateDescriptor<Tuple2<Long, Integer>, List<BrandReply>> pendingChunks = new MapStateDescriptor<>("cannedPending-chunks",
                Types.TUPLE(Types.LONG, Types.INT), Types.LIST(TypeInformation.of(BrandReply.class)));
        ValueStateDescriptor<long[]> counters = new ValueStateDescriptor<>("cannedCounters",
                LONGS);
        List<String> keys = new ArrayList<>();
        for (String name : List.of("cannedGroups", "cannedBuckets", "cannedExpiries", "cannedPending", "cannedPending-chunks",
                "cannedCounters")) {
            backend.getKeys(name, VoidNamespace.INSTANCE).forEach(k -> {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            });
        }
        Map<String, String> all = new TreeMap<>();
        for (String key : keys) {
            backend.setCurrentKey(key);
            StringBuilder s = new StringBuilder();
            for (Map.Entry<Long, RememberedReply> e : sorted(backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, groups))) {
                RememberedReply g = e.getValue();
                s.append(String.format(Locale.ROOT, "group %d: %d %d %d %s %b %s %s%n", e.getKey(), g.id(), g.createdAt(), g.lastSeen(),
                        g.customer(), g.manyCustomers(), Arrays.toString(g.signature()), g.text()));
            }
            for (Map.Entry<Long, long[]> e : sorted(backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, buckets))) {
                s.append("bucket ").append(e.getKey()).append(": ").append(Arrays.toString(e.getValue())).append('\n');
            }
            for (Map.Entry<Long, long[]> e : sorted(backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, expiries))) {
                s.append("expiry ").append(e.getKey()).append(": ").append(Arrays.toString(e.getValue())).append('\n');
            }
            Map<Long, List<BrandReply>> pendingByTime = new TreeMap<>();
            for (Map.Entry<Long, List<BrandReply>> e : sorted(backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, pending))) {
                pendingByTime.computeIfAbsent(e.getKey(), time -> new ArrayList<>()).addAll(e.getValue());
            }
            List<Map.Entry<Tuple2<Long, Integer>, List<BrandReply>>> chunks = new ArrayList<>();
            backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, pendingChunks).entries()
                    .forEach(e -> chunks.add(Map.entry(e.getKey(), e.getValue())));
            chunks.sort(Comparator.comparing((Map.Entry<Tuple2<Long, Integer>, List<BrandReply>> e) -> e.getKey().f0)
                    .thenComparing(e -> e.getKey().f1));
            chunks.forEach(e -> pendingByTime.computeIfAbsent(e.getKey().f0, time -> new ArrayList<>()).addAll(e.getValue()));
            pendingByTime.forEach((time, replies) -> s.append("pending ").append(time).append(": ").append(replies).append('\n'));
            ValueState<long[]> c = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, counters);
            s.append("counters ").append(Arrays.toString(c.value()));
            all.put(key, s.toString());
        }
        return all;
    }

    private static <V> List<Map.Entry<Long, V>> sorted(MapState<Long, V> state) throws Exception {
        List<Map.Entry<Long, V>> entries = new ArrayList<>();
        for (Map.Entry<Long, V> e : state.entries()) {
            entries.add(Map.entry(e.getKey(), e.getValue()));
        }
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private static List<BrandReply> simulatedReplies() {
        List<Post> posts = new ArrayList<>();
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(36_500));
        SimulationConfig run = SimulationConfig.defaults().withSeed(7).withTime(SimulationConfig.DEFAULT_START, Duration.ofHours(2));
        new FirehoseSimulator(run).run(record -> {
            if (record.kind() == SimulatedRecord.Kind.REPLY) {
                try {
                    posts.add(parser.parse(record.value()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        // in the order the simulator sends them, some late: they wait for their turn
        List<BrandReply> replies = new ArrayList<>();
        for (Post post : posts) {
            String customer = post.mentions().isEmpty() ? null : post.mentions().get(0).toLowerCase(Locale.ROOT);
            replies.add(new BrandReply(post.author().handle().toLowerCase(Locale.ROOT), post.id(), post.replyToId(),
                    post.createdAt(), post.author().handle(), post.text(), customer, false, null));
        }
        return replies;
    }
}
