package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterReader;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade and a rescale as an operator does them: the job is stopped with a savepoint by
 * {@code outcry stop --savepoint} mid-stream, restarted from it at parallelism 1, stopped again,
 * restarted at parallelism 3, and finally stopped with {@code --drain}. Every index then holds
 * the documents of one uninterrupted run over the same posts.
 */
class SavepointRestoreTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(3)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void aJobStoppedWithSavepointsAndRestoredAtParallelismOneThenThreeIndexesWhatAnUninterruptedRunDoes(
            @TempDir Path savepoints, @InjectClusterClient RestClusterClient<?> flink) throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String whole = "whole-" + id;
        String parts = "parts-" + id;
        for (String run : List.of(whole, parts)) {
            KafkaTopics.ensure(kafka, 2, run + ".posts", run + ".dead-letters", run + ".alerts", run + ".zones");
        }
        SimulationConfig config = SimulationConfig.defaults()
                .withSeed(11)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(40))
                .withRates(300, 0.02, 0.03);
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(config).run(records::add);
        StoppedRuns.produce(kafka, whole + ".posts", records);
        JobRuns.run(JobRuns.job(kafka, es, whole, whole + ".posts", whole + ".dead-letters"), new Configuration());

        int third = records.size() / 3;
        StoppedRuns.produce(kafka, parts + ".posts", records.subList(0, third));
        String savepoint = runUntilRead(flink, kafka, es, parts, third, savepoints, false, 2, null);
        StoppedRuns.produce(kafka, parts + ".posts", records.subList(third, 2 * third));
        savepoint = runUntilRead(flink, kafka, es, parts, third, savepoints, false, 1, savepoint);
        StoppedRuns.produce(kafka, parts + ".posts", records.subList(2 * third, records.size()));
        runUntilRead(flink, kafka, es, parts, records.size() - 2 * third, savepoints, true, 3, savepoint);

        // Every difference is gathered first, so that one run of this heavy test shows them all.
        List<String> differences = new ArrayList<>();
        for (String index : JobRuns.INDICES) {
            Map<String, String> expected = JobRuns.comparableDocuments(es, whole + index);
            assertThat(expected).as("documents of the uninterrupted run in %s", index).isNotEmpty();
            Map<String, String> actual = JobRuns.comparableDocuments(es, parts + index);
            List<String> differing = union(expected.keySet(), actual.keySet()).stream()
                    .filter(doc -> !Objects.equals(expected.get(doc), actual.get(doc))).toList();
            System.out.printf("SavepointRestoreTest: <run>%s: %d documents, %d different after the restores%n", index,
                    expected.size(), differing.size());
            differing.stream().limit(5).forEach(doc -> differences.add("<run>" + index + " " + doc
                    + "\n  uninterrupted: " + expected.get(doc) + "\n  restored:      " + actual.get(doc)));
            if (differing.size() > 5) {
                differences.add("<run>" + index + ": " + (differing.size() - 5) + " more documents differ");
            }
        }
        Map<String, Long> deadLetters = deadLettersByStage(kafka, whole);
        Map<String, Long> restoredDeadLetters = deadLettersByStage(kafka, parts);
        System.out.printf("SavepointRestoreTest: dead letters by stage %s; after the restores %s%n", deadLetters, restoredDeadLetters);
        if (!restoredDeadLetters.equals(deadLetters)) {
            differences.add("dead letters by stage " + deadLetters + " became " + restoredDeadLetters);
        }
        assertThat(differences).as("what differs from the uninterrupted run").isEmpty();
    }

    private static String runUntilRead(RestClusterClient<?> flink, String kafka, String es, String run, long records,
            Path savepoints, boolean drain, int parallelism, String fromSavepoint) throws Exception {
        return StoppedRuns.runUntilRead(METRICS, flink.getWebInterfaceURL(), kafka, es, run, records, savepoints, drain,
                parallelism, new Configuration(), fromSavepoint);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Long> deadLettersByStage(String kafka, String run) throws Exception {
        return DeadLetterReader.readAll(kafka, run + ".dead-letters", Duration.ofSeconds(60)).stream()
                .collect(Collectors.groupingBy(DeadLetter::stage, TreeMap::new, Collectors.counting()));
    }
}
