package io.outcry.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written paths against java.time, which they stand in for: same results, byte for byte. */
class IsoInstantsTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final long YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

    @Test
    void readsTheCommonShapesAsInstantParseDoes() {
        List<String> texts = List.of(
                "2026-12-05T10:15:30Z", "2026-12-05T10:15:30.123Z", "2026-12-05T10:15:30+01:00",
                "2026-12-05T10:15:30.1Z", "2026-12-05T10:15:30.12Z", "2026-12-05T10:15:30.1234Z",
                "2026-12-05T10:15:30.12345Z", "2026-12-05T10:15:30.123456Z", "2026-12-05T10:15:30.1234567Z",
                "2026-12-05T10:15:30.12345678Z", "2026-12-05T10:15:30.123456789Z", "2026-12-05T10:15:30.999999999Z",
                "2026-12-05T10:15:30.000000001Z", "2026-12-05T00:00:00.000-05:30", "2026-12-05T23:59:59.999+14:00",
                "2026-12-05T23:59:59.999-17:59", "2026-12-05T23:59:59+17:59", "2026-12-05T10:15:30-00:00",
                "2026-12-05T10:15:30+00:00", "2024-02-29T12:00:00Z", "2000-02-29T12:00:00Z", "2000-02-29T23:30:00-01:00",
                "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.001+00:01", "1969-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.9999Z", "1900-03-01T00:00:00Z", "1600-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
                "0000-02-29T00:00:00+01:00", "0001-01-01T00:00:00Z", "0999-12-31T23:59:59.5Z", "9999-12-31T23:59:59.999999999Z",
                "9999-12-31T23:59:59-17:59", "2006-03-21T00:00:00Z", "2006-03-20T23:59:59.999Z");
        for (String text : texts) {
            assertThat(IsoInstants.parseMillis(text)).as(text).isNotEqualTo(IsoInstants.UNUSUAL);
            assertParsesAsJavaTime(text);
        }
    }

    @Test
    void leavesEveryOtherShapeAndEveryWrongDateToJavaTime() {
        List<String> texts = List.of(
                "", "2026", "yesterday", "2026-12-05", "2026-12-05T10:15Z", "2026-12-05T10:15:30", "2026-12-05 10:15:30Z",
                "2026-12-05t10:15:30Z", "2026-12-05T10:15:30z", "2026-12-05T10:15:30.Z", "2026-12-05T10:15:30.1234567890Z",
                "2026-12-05T10:15:30,123Z", "2026-12-05T24:00:00Z", "2026-12-05T23:59:60Z", "2026-12-05T10:60:30Z",
                "2026-12-05T10:15:30+18:00", "2026-12-05T10:15:30-18:00", "2026-12-05T10:15:30+19:00",
                "2026-12-05T10:15:30+01:60", "2026-12-05T10:15:30+0100", "2026-12-05T10:15:30+01", "2026-12-05T10:15:30+01:00:00",
                "2026-12-05T10:15:30+01:00Z", "2026-12-05T10:15:30ZZ", "2026-12-05T10:15:30Z ", " 2026-12-05T10:15:30Z",
                "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-32T00:00:00Z", "+2026-12-05T10:15:30Z",
                "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "20260-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "２０２６-12-05T10:15:30Z", "2026-1２-05T10:15:30Z", "2026-12-05T10:15:30.１Z", "2026/12/05T10:15:30Z",
                "2026-12-05T10:15:30+01:0a", "2026-12-05T10:15:30Z[Europe/Rome]", "2026-12-05T10:15:30UTC");
        for (String text : texts) {
            assertThat(IsoInstants.parseMillis(text)).as(text).isEqualTo(IsoInstants.UNUSUAL);
        }
    }

    @Test
    void readsRandomInstantsInEveryShapeAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(20261205L);
        for (int i = 0; i < 200_000; i++) {
            long millis = i % 2 == 0 ? random.nextLong(YEAR_0000, YEAR_10000) : random.nextLong(1_000_000_000_000L, 2_000_000_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> (int) Math.floorMod(millis, 1000L) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(millis, 1000L), nanos);
            ZoneOffset offset = random.nextInt(3) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds(random.nextInt(-17 * 3600 - 59 * 60, 17 * 3600 + 59 * 60 + 1) / 60 * 60);
            OffsetDateTime local = instant.atOffset(offset);
            if (local.getYear() < 0 || local.getYear() > 9999) {
                continue;
            }
            int digits = random.nextInt(10);
            String text = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction(local.getNano(), digits)
                    + (offset.getTotalSeconds() == 0 && random.nextBoolean() ? "Z" : offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
            assertThat(IsoInstants.parseMillis(text)).as(text).isNotEqualTo(IsoInstants.UNUSUAL);
            assertParsesAsJavaTime(text);
            assertParsesAsJavaTime(mangled(text, random));
        }
    }

    @Test
    void formatsAsInstantToStringDoes() {
        List<Long> edges = new ArrayList<>(List.of(0L, 1L, -1L, 999L, 1000L, -999L, -1000L, -1001L, 86_399_999L, 86_400_000L,
                -86_400_000L, -86_400_001L, Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
                Instant.parse("2000-02-29T00:00:00Z").toEpochMilli(), Instant.parse("1900-03-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2026-12-31T23:59:59.010Z").toEpochMilli(), Instant.parse("0999-12-31T23:59:59.100Z").toEpochMilli(),
                YEAR_0000, YEAR_0000 - 1, YEAR_0000 + 1, YEAR_10000, YEAR_10000 - 1, YEAR_10000 + 1,
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1));
        for (long millis : edges) {
            assertFormatsAsJavaTime(millis);
        }
        SplittableRandom random = new SplittableRandom(5L);
        for (int i = 0; i < 300_000; i++) {
            long millis = switch (i % 4) {
                case 0 -> random.nextLong(YEAR_0000 - 1000L * 86_400_000L, YEAR_10000 + 1000L * 86_400_000L);
                case 1 -> random.nextLong(1_100_000_000_000L, 2_000_000_000_000L);
                case 2 -> random.nextLong(1_100_000_000L, 2_000_000_000L) * 1000;
                default -> random.nextLong();
            };
            assertFormatsAsJavaTime(millis);
        }
    }

    @Test
    void formatsEveryDayOfFourHundredYearsAndTheirEdgesAsJavaTimeDoes() {
        long firstDay = Math.floorDiv(Instant.parse("1800-01-01T00:00:00Z").toEpochMilli(), 86_400_000L);
        for (long day = firstDay; day < firstDay + 146_097 + 1; day++) {
            assertFormatsAsJavaTime(day * 86_400_000L);
            assertFormatsAsJavaTime(day * 86_400_000L - 1);
        }
        for (long day = Math.floorDiv(YEAR_0000, 86_400_000L) - 800; day < Math.floorDiv(YEAR_0000, 86_400_000L) + 800; day++) {
            assertFormatsAsJavaTime(day * 86_400_000L + 1);
        }
        for (long day = Math.floorDiv(YEAR_10000, 86_400_000L) - 800; day < Math.floorDiv(YEAR_10000, 86_400_000L) + 800; day++) {
            assertFormatsAsJavaTime(day * 86_400_000L + 999);
        }
    }

    private static void assertFormatsAsJavaTime(long millis) {
        assertThat(IsoInstants.format(millis)).as("%d", millis).isEqualTo(Instant.ofEpochMilli(millis).toString());
        assertThat(IsoInstants.day(millis)).as("day of %d", millis).isEqualTo(DAY.format(Instant.ofEpochMilli(millis)));
    }

    /** Whatever the fast path answers, java.time answers the same; what it leaves aside, java.time decides. */
    private static void assertParsesAsJavaTime(String text) {
        long fast = IsoInstants.parseMillis(text);
        if (fast == IsoInstants.UNUSUAL) {
            return;
        }
        assertThatCode(() -> Instant.parse(text)).as(text).doesNotThrowAnyException();
        assertThat(fast).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    private static String fraction(int nanos, int digits) {
        if (digits == 0) {
            return "";
        }
        return "." + String.format("%09d", nanos).substring(0, digits);
    }

    /** One character changed, dropped or doubled: mostly malformed, sometimes another valid instant. */
    private static String mangled(String text, SplittableRandom random) {
        int at = random.nextInt(text.length());
        String alphabet = "0123456789-+:.TZtz 9\u0661";
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length())) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            default -> text.substring(0, at) + text.charAt(at) + text.substring(at);
        };
    }
}
