package io.outcry.post;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parser's hand-written paths (dates, language and country codes) against the code they
 * replaced, kept here: every post accepted alike, every one refused with the same message.
 */
class CanonicalPostJsonFastPathTest {

    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]+)?");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(2);

    private final CanonicalPostJson parser = new CanonicalPostJson(SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsAndRefusesEveryCreatedAtAsTheGeneralParserDid() {
        List<String> dates = new ArrayList<>(List.of(
                "2026-12-05T10:15:30Z", "2026-12-05T09:15:30.123Z", "2026-12-05T10:15:30+01:00", "2026-12-05T09:00:00.1-00:30",
                "2026-12-05T10:01:59.999Z", "2026-12-05T10:02:00Z", "2026-12-05T10:02:00.001Z", "2026-12-05T10:02:00.0009Z",
                "2024-02-29T12:00:00Z", "2026-02-29T12:00:00Z", "2026-04-31T12:00:00Z", "2006-03-21T00:00:00Z",
                "2006-03-20T23:59:59.999Z", "2006-03-21T00:30:00+01:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-12-05T10:15:30z", "2026-12-05t10:15:30Z",
                "2026-12-05T24:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T23:59:60Z", "2026-12-05T10:15Z",
                "2026-12-05T10:15:30", "2026-12-05T10:15:30.Z", "2026-12-05T10:15:30.1234567890Z", "2026-12-05T10:15:30+18:00",
                "2026-12-05T10:15:30+01:00:30", "2026-12-05T10:15:30+0100", "2026-12-05 10:15:30Z", "yesterday", "",
                "x".repeat(200), "2026-12-05T10:15:30Z" + "0".repeat(100)));
        SplittableRandom random = new SplittableRandom(42L);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(Instant.parse("2005-01-01T00:00:00Z").toEpochMilli(), NOW.toEpochMilli() + 600_000L);
            String text = Instant.ofEpochMilli(millis).plusNanos(random.nextInt(1_000_000)).toString();
            if (random.nextBoolean()) {
                int at = random.nextInt(text.length());
                text = text.substring(0, at) + "0123456789-+:.TZ ".charAt(random.nextInt(17)) + text.substring(at + 1);
            }
            dates.add(text);
        }
        for (String date : dates) {
            String json = "{\"id\": \"1\", \"platform\": \"t\", \"created_at\": \"" + date + "\", "
                    + "\"author\": {\"id\": \"7\", \"handle\": \"g\"}, \"text\": \"x\"}";
            assertThat(outcome(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8)).createdAt()))
                    .as(date).isEqualTo(formerOutcome(date, NOW.toEpochMilli(), "this machine's clock; check the producer's clock and time zone"));
            long writtenAt = NOW.toEpochMilli() - 3_600_000L;
            assertThat(outcome(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8), writtenAt).createdAt()))
                    .as(date).isEqualTo(formerOutcome(date, writtenAt, "the time it was written to Kafka ("
                            + Instant.ofEpochMilli(writtenAt) + "); check the producer's clock and time zone"));
        }
    }

    @Test
    void readsLanguageAndCountryCodesAsTheirPatternsDid() {
        List<String> codes = new ArrayList<>(List.of("", "i", "it", "ita", "itaa", "IT", "It", "it-", "it-IT", "zh-Hant",
                "en-001", "en-US-x", "en_US", "it-Ü", "è", "it ", " it", "a1", "ab-c", "abc-d", "abcd-e", "-it", "it--a", "1t"));
        SplittableRandom random = new SplittableRandom(7L);
        String alphabet = "abzAZ09-_ ée";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder code = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            codes.add(code.toString());
        }
        for (String code : codes) {
            assertThat(CanonicalPostJson.isLanguageCode(code)).as(code).isEqualTo(LANG.matcher(code).matches());
            assertThat(CanonicalPostJson.isCountryCode(code)).as(code).isEqualTo(COUNTRY_CODE.matcher(code).matches());
        }
    }

    @Test
    void refusesIdsByTheirUtf8LengthAsBefore() {
        for (String id : List.of("a".repeat(85), "€".repeat(85), "€".repeat(86), "😀".repeat(43), "😀".repeat(64),
                "😀".repeat(65), "é".repeat(128), "é".repeat(129))) {
            String json = "{\"id\": \"" + id + "\", \"platform\": \"t\", \"created_at\": 1795200000000, "
                    + "\"author\": {\"id\": \"7\", \"handle\": \"g\"}, \"text\": \"x\"}";
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            String expected = id.length() > Post.MAX_ID_LENGTH ? "has " + id.length() + " characters"
                    : bytes > Post.MAX_ID_LENGTH ? "id takes " + bytes + " bytes in UTF-8" : "accepted";
            assertThat(outcome(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8)).id()))
                    .as(id).contains(expected.equals("accepted") ? id : expected);
        }
    }

    private interface Parse {
        Object run() throws InvalidRecordException;
    }

    private static String outcome(Parse parse) {
        try {
            return "accepted " + parse.run();
        } catch (InvalidRecordException e) {
            return "refused " + e.getMessage();
        }
    }

    /** {@code CanonicalPostJson.createdAt} for a string as it was before the fast path. */
    private static String formerOutcome(String text, long now, String clock) {
        long millis;
        try {
            millis = Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return "refused created_at '" + shown(text) + "' is not an ISO-8601 instant such as 2026-11-22T08:15:30Z";
        } catch (ArithmeticException e) {
            return "refused created_at '" + shown(text) + "' is too far from 1970 for epoch milliseconds";
        }
        if (millis < CanonicalPostJson.EARLIEST.toEpochMilli()) {
            return "refused created_at " + Instant.ofEpochMilli(millis) + " is before social posts existed (seconds instead of milliseconds?)";
        }
        if (millis > now + SKEW.toMillis()) {
            return "refused created_at " + Instant.ofEpochMilli(millis) + " is in the future: more than " + SKEW.toMinutes()
                    + " min ahead of " + clock;
        }
        return "accepted " + millis;
    }

    private static String shown(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "… (" + value.length() + " characters)";
    }
}
