package io.outcry.care;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hours a brand's care team answers, every day, in its time zone, e.g.
 * {@code 08:00-20:00@Europe/Rome}. An SLA counts only these hours: a question at 19:50 with a
 * one-hour SLA and hours 08-20 is due the next day at 08:50.
 *
 * @param open  start of the working day (inclusive)
 * @param close end of the working day (exclusive), after {@code open}
 * @param zone  the time zone the hours are in
 */
public record BusinessHours(LocalTime open, LocalTime close, ZoneId zone) implements Serializable {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})@(.+)");

    public BusinessHours {
        if (open == null || close == null || zone == null) {
            throw new IllegalArgumentException("business hours need an opening time, a closing time and a zone");
        }
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("business hours " + open + "-" + close
                    + " must open before they close on the same day, e.g. 08:00-20:00@Europe/Rome");
        }
    }

    /** Reads {@code HH:mm-HH:mm@Zone/Id}. */
    public static BusinessHours parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not business hours; write them like 08:00-20:00@Europe/Rome");
        }
        try {
            return new BusinessHours(LocalTime.parse(pad(m.group(1))), LocalTime.parse(pad(m.group(2))), ZoneId.of(m.group(3)));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not business hours (" + e.getMessage()
                    + "); write them like 08:00-20:00@Europe/Rome");
        }
    }

    /** When {@code sla} of business time after {@code start} has passed, epoch ms. */
    public long deadline(long start, Duration sla) {
        long remaining = sla.toMillis();
        ZonedDateTime t = Instant.ofEpochMilli(start).atZone(zone);
        // each round uses up one working day; an SLA of years would loop for each of its days, which is fine
        while (true) {
            LocalDate day = t.toLocalDate();
            ZonedDateTime opens = day.atTime(open).atZone(zone);
            ZonedDateTime closes = day.atTime(close).atZone(zone);
            if (t.isBefore(opens)) {
                t = opens;
            } else if (!t.isBefore(closes)) {
                t = day.plusDays(1).atTime(open).atZone(zone);
                continue;
            }
            long left = Duration.between(t, closes).toMillis();
            if (remaining <= left) {
                return t.toInstant().toEpochMilli() + remaining;
            }
            remaining -= left;
            t = day.plusDays(1).atTime(open).atZone(zone);
        }
    }

    @Override
    public String toString() {
        return open + "-" + close + "@" + zone.getId();
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
