package io.outcry.index;

import static io.outcry.post.Citations.cited;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.care.CareCase;
import io.outcry.care.CareMetrics;
import io.outcry.care.CareWindow;
import io.outcry.post.GeoPoint;
import io.outcry.window.Complainer;
import io.outcry.window.ComplaintEvidence;
import io.outcry.window.WindowResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Care and window documents written field by field against the tree they were serialized from
 * before ({@link FormerDocuments}): the same bytes, for random documents with every optional
 * field present or not, odd numbers and odd text.
 */
class DocumentJsonEquivalenceTest {

    private static final String[] TEXTS = {"tim", "", "IT.09", "giù \"la\" rete\\", "line\nbreak\t\u0000\u001f", "😀 ☎", "\uD800",
        "</script>", "€", "a".repeat(300)};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, 0.75, 2 / 3.0, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -45.5};
    private static final long[] LONGS = {0, 1, -1, 42, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
        Long.MAX_VALUE, Long.MIN_VALUE, 1_795_200_000_123L, -62_167_219_200_001L, 253_402_300_800_000L};

    private final SplittableRandom random = new SplittableRandom(31L);

    @Test
    void careWindowsAndCasesAreTheSameBytesAsTheTreeWrote() {
        for (int i = 0; i < 20_000; i++) {
            CareWindow window = new CareWindow(text(), text(), text(), text(), someLong(), someLong(), metrics(), metrics(),
                    metrics(), someLong(), someLong(), maybeDouble(), random.nextBoolean() ? null : text(), someLong());
            assertSameBytes(CareDocuments.json(window), FormerDocuments.careWindow(window));
            CareCase c = new CareCase(text(), text(), text(), (int) someLong(), someLong(), text(), someLong(), text(), text(),
                    text(), text(), random.nextBoolean() ? -1 : someLong(), someLong(), someLong(),
                    random.nextInt(3) == 0 ? CareCase.OPEN : random.nextBoolean() ? CareCase.UNANSWERED : text(),
                    random.nextBoolean(), (int) someLong(), (int) someLong(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean() ? null : text(), random.nextBoolean() ? null : text());
            assertSameBytes(CareDocuments.json(c), FormerDocuments.careCase(c));
        }
    }

    @Test
    void windowResultsAreTheSameBytesAsTheTreeWrote() {
        for (int i = 0; i < 20_000; i++) {
            List<String> examples = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                examples.add(random.nextInt(8) == 0 ? null : text());
            }
            WindowResult result = new WindowResult(text(), text(), text(), random.nextBoolean() ? null : text(),
                    random.nextBoolean() ? null : new GeoPoint(someDouble(), someDouble()), text(), someLong(), someLong(),
                    someLong(), someLong(), someLong(), someLong(), someLong(), someLong(), someLong(), someDouble(), cited(examples.toArray(String[]::new)),
                    counts(), counts(), counts(),
                    new ComplaintEvidence(someLong(), List.of(1L, 2L), someLong(), List.of("x"), List.of(new Complainer("a", 1, true, 2))),
                    (int) someLong());
            assertSameBytes(WindowDocuments.json(result), FormerDocuments.windowResult(result));
        }
    }

    private static void assertSameBytes(byte[] now, byte[] before) {
        assertThat(new String(now, StandardCharsets.UTF_8)).isEqualTo(new String(before, StandardCharsets.UTF_8));
        assertThat(now).isEqualTo(before);
    }

    private CareMetrics metrics() {
        boolean answered = random.nextBoolean();
        return new CareMetrics(someLong(), someLong(), maybeDouble(), answered ? someLong() : null,
                answered && random.nextInt(5) > 0 ? someLong() : null, answered && random.nextInt(5) > 0 ? someDouble() : null,
                someLong(), someLong(), someLong(), someLong(), answered ? List.of(someLong(), someLong()) : List.of());
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            counts.put(TEXTS[random.nextInt(TEXTS.length)], random.nextInt(10) == 0 ? null : someLong());
        }
        return counts;
    }

    private String text() {
        return random.nextInt(10) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? "" : random.nextInt(100));
    }

    private long someLong() {
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
    }

    private double someDouble() {
        return random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)] : random.nextDouble(-1e6, 1e6);
    }

    private Double maybeDouble() {
        return random.nextInt(3) == 0 ? null : someDouble();
    }
}
