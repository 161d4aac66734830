package io.outcry.retention;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outcry.cli.Outcry;
import io.outcry.connectors.elasticsearch.ElasticsearchClients;
import io.outcry.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code outcry retention} against a real Elasticsearch node: daily indices of several dates, and others it must not touch. */
class RetentionCommandTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    @Test
    void deletesExactlyTheDailyIndicesPastTheHorizonAndNothingElse() throws Exception {
        String es = LocalStack.sharedElasticsearch().url();
        String run = "outcry-ret" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // Days well away from the 30-day boundary, which DailyIndexTest pins to the minute.
        List<String> old = List.of(daily(run + "-windows", today.minusDays(400)), daily(run + "-windows", today.minusDays(45)),
                daily(run + "-alerts-history", today.minusDays(32)), daily(run + "-care", today.minusDays(60)));
        List<String> recent = List.of(daily(run + "-windows", today.minusDays(28)), daily(run + "-windows", today),
                daily(run + "-alerts-history", today.minusDays(1)), daily(run + "-care", today.plusDays(1)));
        List<String> notDaily = List.of(run + "-alerts", run + "-care-cases", run + "-windows-restored");
        String outsidePattern = "kept-" + daily(run + "-windows", today.minusDays(400));
        List<String> all = new ArrayList<>(old);
        all.addAll(recent);
        all.addAll(notDaily);
        all.add(outsidePattern);
        try (ElasticsearchClient client = ElasticsearchClients.create(List.of(es))) {
            for (String index : all) {
                client.indices().create(c -> c.index(index));
            }

            StringWriter dryRun = new StringWriter();
            assertThat(retention(dryRun, "--elasticsearch", es, "--retention", "30d", "--indices", run + "-*", "--dry-run")).isZero();
            assertThat(existing(client, run)).as("a dry run deletes nothing").containsExactlyInAnyOrderElementsOf(all);
            assertThat(dryRun.toString()).contains("would delete " + old.get(0)).contains("would delete 4 daily indices");

            StringWriter out = new StringWriter();
            assertThat(retention(out, "--elasticsearch", es, "--retention", "30d", "--indices", run + "-*")).isZero();

            List<String> left = new ArrayList<>(recent);
            left.addAll(notDaily);
            left.add(outsidePattern);
            assertThat(existing(client, run)).containsExactlyInAnyOrderElementsOf(left);
            assertThat(out.toString().lines()).as(out.toString())
                    .containsAll(old.stream().map(index -> "delete " + index + " (day " + dayOf(index) + ")").toList())
                    .contains("keep   " + run + "-alerts (not a daily index)")
                    .anyMatch(line -> line.startsWith("keep   " + recent.get(0) + " (day "))
                    .last().isEqualTo("deleted 4 daily indices older than 30d, kept 7 of " + run + "-*");
        }
    }

    @Test
    void aRetentionThatIsNotPositiveIsOneLineAndExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine outcry = Outcry.commandLine();
        outcry.setErr(new PrintWriter(err));

        assertThat(outcry.execute("retention", "--retention", "0s")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("outcry retention: --retention is PT0S; it must be a positive duration such as 30d"
                + System.lineSeparator());
    }

    private static int retention(StringWriter out, String... args) {
        CommandLine outcry = Outcry.commandLine();
        outcry.setOut(new PrintWriter(out));
        List<String> command = new ArrayList<>(List.of("retention"));
        command.addAll(List.of(args));
        return outcry.execute(command.toArray(String[]::new));
    }

    private static List<String> existing(ElasticsearchClient client, String run) throws Exception {
        List<String> names = new ArrayList<>(client.indices().get(g -> g.index(run + "-*")).result().keySet());
        names.addAll(client.indices().get(g -> g.index("kept-" + run + "-*")).result().keySet());
        return names;
    }

    private static String daily(String prefix, LocalDate day) {
        return prefix + "-" + DAY.format(day);
    }

    private static LocalDate dayOf(String index) {
        return LocalDate.parse(index.substring(index.length() - 10), DAY);
    }
}
