package io.outcry.backtest;

import io.outcry.detect.DetectorSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code outcry backtest-series}: scores a {@code timestamp,value} CSV with the streaming
 * spike detector, row by row.
 *
 * <pre>
 * outcry backtest-series --csv nab/realTweets/Twitter_volume_AAPL.csv --out scored.csv
 * </pre>
 */
@Command(name = "backtest-series", mixinStandardHelpOptions = true,
        description = "Score a count series (CSV timestamp,value at a fixed step) with the streaming spike detector, "
                + "online with no look-ahead; writes timestamp,value,anomaly_score,alert for every row (alert 1 only where an alert opens, as NAB scores it).")
public final class BacktestSeriesCommand implements Callable<Integer> {

    @Option(names = "--csv", required = true, paramLabel = "<series.csv>", description = "The input series.")
    Path csv;

    @Option(names = "--out", paramLabel = "<scored.csv>", description = "Where to write the scores (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(csv)) {
            throw new IllegalArgumentException("cannot read " + csv + ": give a CSV file of timestamp,value rows");
        }
        long started = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             Writer writer = out == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            SeriesBacktest.Result result = new SeriesBacktest(DetectorSettings.defaults()).run(in, writer, csv.toString());
            System.err.printf("backtest-series: %d rows, %d alerts opened, %.1f s%n",
                    result.rows(), result.alerts(), (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
