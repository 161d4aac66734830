package io.outcry.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.detect.DetectorSettings;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesBacktestTest {

    private final SeriesBacktest backtest = new SeriesBacktest(DetectorSettings.defaults());

    private List<String> run(String csv) throws Exception {
        StringWriter out = new StringWriter();
        backtest.run(new BufferedReader(new StringReader(csv)), out, "test.csv");
        return out.toString().lines().toList();
    }

    /** Five-minute steps in NAB's format: noise around 20, then a jump to 90 for six rows at row 200. */
    private static String series() {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        SplittableRandom random = new SplittableRandom(7);
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            int value = i >= 200 && i < 206 ? 90 : 15 + random.nextInt(11);
            csv.append(t.plusSeconds(300L * i).toString().replace('T', ' ').replace("Z", "")).append(',').append(value).append('\n');
        }
        return csv.toString();
    }

    @Test
    void flagsOnlyTheRowWhereTheAlertOpensAsNabCountsDetections() throws Exception {
        List<String> rows = run(series());

        assertThat(rows).hasSize(301).first().isEqualTo("timestamp,value,anomaly_score,alert");
        List<String> flagged = rows.stream().skip(1).filter(r -> r.endsWith(",1")).toList();
        assertThat(flagged).containsExactly(rows.get(201));
        assertThat(rows.get(201)).startsWith("2026-11-01 16:40:00,90,1.0000,");
        assertThat(rows.get(202)).startsWith("2026-11-01 16:45:00,90,").endsWith(",0");
    }

    @Test
    void keepsEveryAnomalyScoreBetweenZeroAndOne() throws Exception {
        assertThat(run(series()).stream().skip(1).map(r -> Double.parseDouble(r.split(",")[2])))
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0))
                .anySatisfy(score -> assertThat(score).isEqualTo(1.0))
                .anySatisfy(score -> assertThat(score).isBetween(0.0, 0.5));
    }

    @Test
    void scoresEachRowWithoutLookingAhead() throws Exception {
        List<String> full = run(series());
        String truncated = String.join("\n", series().lines().limit(204).toList()) + "\n";

        assertThat(run(truncated)).isEqualTo(full.subList(0, 204));
    }

    @Test
    void refusesASeriesWhoseStepChangesAndSaysWhere() {
        assertThatThrownBy(() -> run("1000,1\n2000,1\n4000,1\n"))
                .hasMessageContaining("test.csv line 3").hasMessageContaining("fixed step");
    }

    @Test
    void namesAnUnreadableTimestamp() {
        assertThatThrownBy(() -> run("timestamp,value\nyesterday,3\n"))
                .hasMessageContaining("line 2").hasMessageContaining("ISO-8601");
    }
}
