package io.outcry.retention;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index named {@code <prefix>-yyyy.MM.dd}, as the job names the indices that hold one UTC
 * day of windows, care windows or alert and zone events.
 */
public record DailyIndex(String name, LocalDate day) {

    private static final Pattern DAILY = Pattern.compile(".+-(\\d{4})\\.(\\d{2})\\.(\\d{2})");

    /** The daily index of that name, or empty when the name does not end in a real date. */
    public static Optional<DailyIndex> parse(String name) {
        Matcher m = DAILY.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DailyIndex(name, LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether its whole day is older than {@code retention} at {@code now}: the day ended at or
     * before {@code now - retention}. A day still partly within the horizon is kept, so no
     * document younger than the retention is ever deleted.
     */
    public boolean pastHorizon(Instant now, Duration retention) {
        Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !dayEnd.isAfter(now.minus(retention));
    }
}
