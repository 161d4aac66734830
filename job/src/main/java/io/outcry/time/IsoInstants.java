package io.outcry.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 instants and UTC days to and from epoch milliseconds, by hand for the shapes nearly
 * every record has, because java.time's general parser and formatter cost several times more
 * on the job's hot paths. Each method gives exactly what java.time gives: what it does not
 * handle itself ({@link #parseMillis} returning {@link #UNUSUAL}, years outside 0000 to 9999
 * when formatting) is left to java.time.
 */
public final class IsoInstants {

    /** What {@link #parseMillis} returns for a text it leaves to {@link Instant#parse}. */
    public static final long UNUSUAL = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long DAYS_0000_TO_1970 = 719_528L;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long FOUR_DIGIT_YEARS_FROM = -62_167_219_200_000L;
    private static final long FOUR_DIGIT_YEARS_UNTIL = 253_402_300_800_000L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private IsoInstants() {}

    /**
     * The epoch milliseconds of {@code yyyy-MM-ddTHH:mm:ss[.f…]} followed by {@code Z} or
     * {@code ±HH:MM}, as {@code Instant.parse(text).toEpochMilli()} gives them; {@link #UNUSUAL}
     * for anything else, valid or not (lower-case letters, hour 24, leap seconds, signed years,
     * days a month lacks, ...), which the caller hands to {@link Instant#parse}.
     */
    public static long parseMillis(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return UNUSUAL;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return UNUSUAL;
        }
        int pos = 19;
        int millis = 0;
        if (text.charAt(pos) == '.') {
            pos++;
            int start = pos;
            while (pos < n && pos - start < 9) {
                char c = text.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                if (pos - start < 3) {
                    millis = millis * 10 + (c - '0');
                }
                pos++;
            }
            int fractionDigits = pos - start;
            if (fractionDigits == 0) {
                return UNUSUAL;
            }
            for (int i = fractionDigits; i < 3; i++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (pos == n - 1 && text.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos == n - 6 && (text.charAt(pos) == '+' || text.charAt(pos) == '-') && text.charAt(pos + 3) == ':') {
            int offsetHours = digits(text, pos + 1, 2);
            int offsetMinutes = digits(text, pos + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return UNUSUAL;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(pos) == '-' ? -1 : 1);
        } else {
            return UNUSUAL;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return seconds * 1000 + millis;
    }

    /** {@code Instant.ofEpochMilli(epochMillis).toString()}: {@code 2026-12-05T10:15:30Z}, or {@code ...30.120Z}. */
    public static String format(long epochMillis) {
        if (epochMillis < FOUR_DIGIT_YEARS_FROM || epochMillis >= FOUR_DIGIT_YEARS_UNTIL) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        int millis = millisOfDay % 1000;
        byte[] out = new byte[millis == 0 ? 20 : 24];
        writeDate(out, epochDay, (byte) '-');
        out[10] = 'T';
        int secondOfDay = millisOfDay / 1000;
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        if (millis != 0) {
            out[19] = '.';
            out[20] = (byte) ('0' + millis / 100);
            two(out, 21, millis % 100);
        }
        out[out.length - 1] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The UTC day of the instant as {@code yyyy.MM.dd}, as {@code DateTimeFormatter.ofPattern("yyyy.MM.dd")} writes it. */
    public static String day(long epochMillis) {
        // year-of-era: the years before 0001 are written otherwise
        if (epochMillis < FOUR_DIGIT_YEARS_FROM + 366 * MILLIS_PER_DAY || epochMillis >= FOUR_DIGIT_YEARS_UNTIL) {
            return DAY.format(Instant.ofEpochMilli(epochMillis));
        }
        byte[] out = new byte[10];
        writeDate(out, Math.floorDiv(epochMillis, MILLIS_PER_DAY), (byte) '.');
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@code yyyy-MM-dd} with the separator given, from {@code LocalDate.ofEpochDay}'s arithmetic. */
    private static void writeDate(byte[] out, long epochDay, byte separator) {
        long zeroDay = epochDay + DAYS_0000_TO_1970 - 60; // days from 0000-03-01, so that the leap day ends a year
        long adjust = 0;
        if (zeroDay < 0) {
            long adjustCycles = (zeroDay + 1) / 146_097 - 1;
            adjust = adjustCycles * 400;
            zeroDay += -adjustCycles * 146_097;
        }
        long yearEst = (400 * zeroDay + 591) / 146_097;
        long doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        if (doyEst < 0) {
            yearEst--;
            doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        }
        yearEst += adjust;
        int marchDoy0 = (int) doyEst;
        int marchMonth0 = (marchDoy0 * 5 + 2) / 153;
        int month = (marchMonth0 + 2) % 12 + 1;
        int dom = marchDoy0 - (marchMonth0 * 306 + 5) / 10 + 1;
        int year = (int) (yearEst + marchMonth0 / 10);
        two(out, 0, year / 100);
        two(out, 2, year % 100);
        out[4] = separator;
        two(out, 5, month);
        out[7] = separator;
        two(out, 8, dom);
    }

    private static void two(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
    }

    /** The value of {@code count} ASCII digits from {@code at}, or -1 if any is not one. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** {@code LocalDate.of(year, month, day).toEpochDay()} for a year from 0 on. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}
