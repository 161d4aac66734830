package io.outcry.backtest;

import io.outcry.detect.DetectorSettings;
import io.outcry.detect.KeyDetector;
import io.outcry.detect.Observation;
import io.outcry.detect.Transition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Runs the streaming spike detector over a plain count series, one row at a time and online
 * (no row sees a later one), so public anomaly benchmarks and history can be scored with
 * exactly what production runs. Input: CSV {@code timestamp,value} at any fixed step, with or
 * without a header; timestamps as ISO-8601, {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch ms.
 * Output: {@code timestamp,value,anomaly_score,alert} for every input row, in NAB's conventions:
 * {@code anomaly_score} in [0, 1] (the row's surprise as a share of what opens an alert) and
 * {@code alert} 1 only on the row where an alert opens, since NAB counts every flagged row as a
 * detection and an alert that stays open is one detection, not one per row.
 */
public final class SeriesBacktest {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);

    private final DetectorSettings settings;

    public SeriesBacktest(DetectorSettings settings) {
        this.settings = settings;
    }

    /** Scores every row of {@code in} into {@code out}; returns the rows and alerts seen. */
    public Result run(BufferedReader in, Writer out, String source) throws IOException {
        out.write("timestamp,value,anomaly_score,alert\n");
        KeyDetector detector = null;
        long previous = Long.MIN_VALUE;
        long step = 0;
        long rows = 0;
        long alerts = 0;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || lineNumber == 1 && isHeader(line)) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length < 2) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": expected 'timestamp,value', got '" + line + "'");
            }
            long time = parseTime(fields[0].trim(), source, lineNumber);
            double value = parseValue(fields[1].trim(), source, lineNumber);
            if (detector == null) {
                detector = KeyDetector.startingAt(time);
            } else {
                long gap = time - previous;
                if (step == 0) {
                    step = gap;
                }
                if (gap != step || gap <= 0) {
                    throw new IllegalArgumentException(source + " line " + lineNumber + ": the series steps " + gap
                            + " ms here but " + step + " ms before; the detector needs a fixed step: resample the series");
                }
            }
            Observation seen = detector.observe(time, time + Math.max(step, 1), value, settings.bar(), false, settings);
            boolean opened = seen.transition() == Transition.OPEN;
            if (opened) {
                alerts++;
            }
            double anomalyScore = Math.min(1, seen.score() / settings.bar().openScore());
            out.write(fields[0].trim() + ',' + fields[1].trim() + ','
                    + String.format(Locale.ROOT, "%.4f", anomalyScore) + ',' + (opened ? 1 : 0) + '\n');
            previous = time;
            rows++;
        }
        out.flush();
        return new Result(rows, alerts);
    }

    /** @param rows rows scored; @param alerts alerts opened */
    public record Result(long rows, long alerts) {}

    private static boolean isHeader(String line) {
        String first = line.split(",", -1)[0].trim().toLowerCase(Locale.ROOT);
        return !first.isEmpty() && !Character.isDigit(first.charAt(0));
    }

    static long parseTime(String text, String source, int line) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(text);
            }
            if (text.endsWith("Z") || text.contains("+")) {
                return Instant.parse(text).toEpochMilli();
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ": cannot read timestamp '" + text
                    + "'; use ISO-8601 (2026-11-20T17:00:00Z), 'yyyy-MM-dd HH:mm:ss' in UTC, or epoch milliseconds");
        }
    }

    private static double parseValue(String text, String source, int line) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ": value '" + text + "' is not a number");
        }
    }
}
