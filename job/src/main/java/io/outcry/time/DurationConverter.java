package io.outcry.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people write them: {@code 120} (seconds), {@code 500ms},
 * {@code 45s}, {@code 90m}, {@code 1h30m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT2H}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SECONDS = Pattern.compile("\\d+");
    private static final Pattern PARTS = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(text).matches()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PARTS.matcher(text);
        if (!text.isEmpty() && m.matches()) {
            return Duration.ofDays(part(m, 1)).plusHours(part(m, 2)).plusMinutes(part(m, 3))
                    .plusSeconds(part(m, 4)).plusMillis(part(m, 5));
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it like 120 (seconds), 45s, 90m, 1h30m or 2h");
        }
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
