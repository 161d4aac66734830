package io.outcry.notify;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily span of local time in which a destination is not disturbed, e.g. 22:00-07:00 in
 * Europe/Rome; it may cross midnight. Judged on the alert's event time, not the clock, so a
 * replay holds and releases the same messages.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) implements Serializable {

    private static final Pattern SPAN = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours start and end at the same time " + start
                    + "; give a span such as \"22:00-07:00\"");
        }
    }

    /** {@code "22:00-07:00"} in {@code zone}; throws a message with the fix when it is not such a span. */
    public static QuietHours parse(String span, ZoneId zone) {
        Matcher matcher = SPAN.matcher(span == null ? "" : span);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + span + "' is not a span of local times; write it as \"HH:MM-HH:MM\", e.g. \"22:00-07:00\"");
        }
        try {
            return new QuietHours(time(matcher.group(1)), time(matcher.group(2)), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + span + "' holds a time that does not exist; hours go 00-23 and minutes 00-59, e.g. \"22:00-07:00\"");
        }
    }

    private static LocalTime time(String text) {
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }

    /** Whether the instant {@code epochMillis} falls in the quiet hours. */
    public boolean covers(long epochMillis) {
        LocalTime local = LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /**
     * The first instant after {@code epochMillis} at which the quiet hours end. A local end time
     * that a daylight-saving jump skips resolves to the instant after the gap, as
     * {@link ZonedDateTime#of} does.
     */
    public long endAfter(long epochMillis) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).minusDays(1);
        for (int i = 0; i < 3; i++) {
            long candidate = ZonedDateTime.of(LocalDateTime.of(day.plusDays(i), end), zone).toInstant().toEpochMilli();
            if (candidate > epochMillis) {
                return candidate;
            }
        }
        throw new IllegalStateException("no end of quiet hours within two days of " + Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public String toString() {
        return start + "-" + end + " " + zone;
    }
}
