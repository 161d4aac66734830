package io.outcry.ingest;

import io.outcry.post.GeoPoint;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** What the v1.1 and v2 adapters share, so that one tweet maps to the same post from either. */
final class Tweets {

    static final String PLATFORM = "twitter";
    /** The instant Twitter's snowflake ids count milliseconds from. */
    private static final long SNOWFLAKE_EPOCH = 1288834974657L;
    /** Twitter's codes for text with no language (media only, hashtags only, undetermined ...). */
    private static final Set<String> NO_LANGUAGE = Set.of("und", "zxx", "art", "qme", "qht", "qam", "qct", "qst");
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Tweets() {}

    /**
     * The post's time in milliseconds. A snowflake id carries its creation time to the
     * millisecond while v2's {@code created_at} stops at the second: the id's time is taken when
     * it agrees with the declared time to the second, so both formats give the same instant.
     * Older ids, and ids that disagree, leave the declared time.
     */
    static long eventTime(String id, long declaredMillis) {
        long snowflake = snowflakeMillis(id);
        return snowflake >= 0 && snowflake / 1000 == declaredMillis / 1000 ? snowflake : declaredMillis;
    }

    private static long snowflakeMillis(String id) {
        if (id.length() < 15 || id.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return (value >>> 22) + SNOWFLAKE_EPOCH;
    }

    /** v1.1's {@code created_at}, e.g. {@code Wed Nov 20 18:42:07 +0000 2026}, read without a formatter (hot path). */
    static long v1Date(String value) {
        if (value.length() != 30 || value.charAt(3) != ' ' || value.charAt(7) != ' ' || value.charAt(10) != ' '
                || value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(19) != ' ' || value.charAt(25) != ' ') {
            throw badV1Date(value);
        }
        int month = MONTHS.indexOf(value.substring(4, 7));
        if (month < 0 || month % 3 != 0) {
            throw badV1Date(value);
        }
        try {
            int day = digits(value, 8, 10);
            int hour = digits(value, 11, 13);
            int minute = digits(value, 14, 16);
            int second = digits(value, 17, 19);
            int offsetMinutes = digits(value, 21, 23) * 60 + digits(value, 23, 25);
            char sign = value.charAt(20);
            if ((sign != '+' && sign != '-') || hour > 23 || minute > 59 || second > 59) {
                throw badV1Date(value);
            }
            long epochDay = LocalDate.of(digits(value, 26, 30), month / 3 + 1, day).toEpochDay();
            long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second
                    - (sign == '+' ? 1 : -1) * offsetMinutes * 60L;
            return seconds * 1000;
        } catch (DateTimeException | NumberFormatException e) {
            throw badV1Date(value);
        }
    }

    static int digits(String value, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(value);
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static Unmappable badV1Date(String value) {
        return new Unmappable("created_at '" + value + "' is not a v1.1 date such as 'Wed Nov 20 18:42:07 +0000 2026'");
    }

    /** v2's {@code created_at}, an ISO-8601 instant. */
    static long isoDate(String value, String field) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Unmappable(field + " '" + value + "' is not an ISO-8601 instant such as 2026-11-20T18:42:07.000Z");
        }
    }

    /** Twitter escapes these three in every text it serves, v1.1 and v2 alike. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The declared language, or null when Twitter says the text has none. */
    static String lang(String lang) {
        return lang == null || lang.isEmpty() || NO_LANGUAGE.contains(lang) ? null : lang.toLowerCase(Locale.ROOT);
    }

    static String permalink(String handle, String id) {
        return "https://x.com/" + handle + "/status/" + id;
    }

    static GeoPoint point(double lat, double lon, String field) {
        GeoPoint point = new GeoPoint(lat, lon);
        if (!point.isValid()) {
            throw new Unmappable(field + " (lon " + lon + ", lat " + lat + ") is outside the globe");
        }
        return point;
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new Unmappable(field + " is missing");
        }
        return value;
    }
}
