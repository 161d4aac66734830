package io.outcry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.cli.Outcry;
import io.outcry.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;

/** {@code outcry bench} on a small firehose: it runs every stage to the end and prints its one JSON line. */
class JobBenchCommandTest {

    @Test
    void measuresEveryStageOfASmallFirehoseAndPrintsOneJsonLine() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            // 6 simulated minutes of the paced firehose, 12 s, measure the windows ending at minutes 4 and 5:
            // the 12 minutes of a real bench would add 12 s to every build and prove nothing more here
            // five checkpoints a second, and posts enough for a few seconds of the whole job, so that it
            // completes some for the state figures even on a loaded machine: its tasks take a while to
            // start, and once one source subtask has read its partition no checkpoint completes (the
            // source's union list state cannot be taken from a vertex that is partly finished)
            exit = Outcry.commandLine().execute("bench", "--posts", "12000", "--keys", "3000", "--freshness-minutes", "6",
                    "--bootstrap-servers", kafka, "--elasticsearch", es, "--job-args", "--checkpoint-interval 200ms");
        } finally {
            System.setOut(stdout);
        }

        assertThat(exit).isZero();
        // the test's log goes to standard output too
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        // the simulator's rate is scaled to the count asked for, not cut at it
        assertThat(line.get("records").asLong()).isBetween(9_000L, 15_000L);
        for (String rate : new String[] {"posts_per_second", "consume_ceiling_per_second", "parse_per_second", "enrich_per_second"}) {
            assertThat(line.get(rate).asLong()).as(rate).isPositive();
        }
        assertThat(line.get("ratio_to_ceiling").asDouble()).isPositive();
        assertThat(line.get("es_writes").asLong()).as("the job wrote its documents").isPositive();
        assertThat(line.get("hot_brand_share").asDouble()).isEqualTo(0.9);
        assertThat(line.get("hot_brand_posts_per_second").asLong()).as("the hot-brand run").isPositive();
        assertThat(line.get("hot_brand_ratio_to_even").asDouble())
                .isCloseTo(line.get("hot_brand_posts_per_second").asDouble() / line.get("posts_per_second").asDouble(), within(0.01));
        assertThat(line.get("window_to_searchable_documents").asLong()).as("window documents timed").isPositive();
        assertThat(line.get("p99_window_to_searchable_ms").asLong())
                .isGreaterThanOrEqualTo(line.get("p50_window_to_searchable_ms").asLong())
                .isNotNegative();
        assertThat(line.get("window_keys").asLong()).isEqualTo(3000);
        // a pane holds a key, an accumulator, example posts and timers: tens of bytes is too few to be true, 1 MB too many
        assertThat(line.get("heap_bytes_per_window_key").asLong()).isBetween(100L, 1_000_000L);
        // the CI machines run Linux, where the bench reads its compiler and collector threads
        assertThat(line.get("job_cpu_share_jit").asDouble()).as("the JIT compilers' share").isGreaterThan(0).isLessThan(1);
        // a few thousand posts may pass without a collection on a large heap
        assertThat(line.get("job_cpu_share_gc").asDouble()).as("the garbage collector's share").isNotNegative().isLessThan(1);
        double accounted = line.get("job_cpu_share_jit").asDouble() + line.get("job_cpu_share_gc").asDouble();
        Map<String, Double> parts = new TreeMap<>();
        line.get("job_cpu_share_by_part").fields().forEachRemaining(part -> parts.put(part.getKey(), part.getValue().asDouble()));
        assertThat(parts).as("the job's parts").hasKeySatisfying(new Condition<>(part -> part.startsWith("Source: Posts"), "the source"));
        assertThat(parts.values()).allSatisfy(share -> assertThat(share).isNotNegative());
        // a thread's CPU is part of the process's: together they cannot pass it (2 % for the readings' rounding)
        assertThat(accounted + parts.values().stream().mapToDouble(Double::doubleValue).sum()).isLessThan(1.02);
        Map<String, Long> state = new TreeMap<>();
        line.get("state_bytes_by_operator").fields().forEachRemaining(operator -> state.put(operator.getKey(), operator.getValue().asLong()));
        assertThat(state).as("each operator's state at the newest checkpoint, by the name the job gives it")
                .containsKey("Track care cases per brand and conversation").allSatisfy((operator, bytes) -> assertThat(bytes).isPositive());
        assertThat(state.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(line.get("checkpoint_bytes").asLong());
        // the heap backend, the job's default, writes all of its state at every checkpoint
        assertThat(line.get("checkpoint_written_bytes").asLong()).isEqualTo(line.get("checkpoint_bytes").asLong());
        assertThat(line.get("es_writes_per_post").asDouble())
                .isEqualTo(Math.round(line.get("es_writes").asDouble() / line.get("records").asLong() * 10_000) / 10_000.0);
    }
}
