package io.outcry.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import io.outcry.time.DurationConverter;
import io.outcry.connectors.elasticsearch.ElasticsearchClientSettings;
import io.outcry.connectors.elasticsearch.ElasticsearchClients;
import io.outcry.connectors.elasticsearch.Retention;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code outcry retention}: deletes the daily indices ({@code <prefix>-yyyy.MM.dd}) whose whole
 * day is older than the retention, where Elasticsearch has no lifecycle management to do it
 * (run it daily, from cron or a Kubernetes CronJob). It prints every index it considers and
 * what it does with it; any index whose name does not end in a date is never touched.
 */
@Command(
        name = "retention",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Deletes daily indices (<prefix>-yyyy.MM.dd) whose day is older than --retention; never any other index.")
public final class RetentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--elasticsearch", split = ",", description = "Elasticsearch node URLs.")
    List<String> elasticsearch = List.of("http://localhost:9200");

    @Option(names = "--elasticsearch-properties", paramLabel = "<file>", description = "How to connect to a secured "
            + "Elasticsearch, as for `outcry run` (docs/operations.md#secured-elasticsearch).")
    Path elasticsearchProperties;

    @Option(names = "--retention", required = true, converter = DurationConverter.class,
            description = "How long the documents of a day are kept, e.g. 30d.")
    Duration retention;

    @Option(names = "--indices", description = "Which indices to consider, an index pattern.")
    String indices = "outcry-*";

    @Option(names = "--dry-run", description = "Print what would be deleted and delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (retention.toMillis() <= 0) {
            throw new IllegalArgumentException("--retention is " + retention + "; it must be a positive duration such as 30d");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        int deleted = 0;
        int kept = 0;
        Map<String, String> settings = elasticsearchProperties == null ? Map.of()
                : ElasticsearchClientSettings.load(elasticsearchProperties);
        try (ElasticsearchClient client = ElasticsearchClients.create(elasticsearch, settings)) {
            TreeSet<String> names = new TreeSet<>(client.indices()
                    .get(request -> request.index(indices).expandWildcards(ExpandWildcard.Open, ExpandWildcard.Closed))
                    .result().keySet());
            for (String name : names) {
                Optional<DailyIndex> daily = DailyIndex.parse(name);
                if (daily.isEmpty()) {
                    out.println("keep   " + name + " (not a daily index)");
                    kept++;
                } else if (!daily.get().pastHorizon(now, retention)) {
                    out.println("keep   " + name + " (day " + daily.get().day() + " is within " + Retention.timeValue(retention) + ")");
                    kept++;
                } else {
                    if (!dryRun) {
                        client.indices().delete(request -> request.index(name));
                    }
                    out.println((dryRun ? "would delete " : "delete ") + name + " (day " + daily.get().day() + ")");
                    deleted++;
                }
            }
        }
        out.println((dryRun ? "would delete " : "deleted ") + deleted + " daily indices older than " + Retention.timeValue(retention)
                + ", kept " + kept + " of " + indices);
        out.flush();
        return 0;
    }
}
