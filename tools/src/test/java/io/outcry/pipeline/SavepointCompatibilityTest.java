package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.stack.LocalStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade a user makes: the current job started from the savepoint of this version kept in
 * the test resources ({@link SavepointFixture}), with every piece of state claimed
 * ({@code allowNonRestoredState} off). A change that renames an operator's uid, drops a stateful
 * operator or changes a state's type incompatibly fails here rather than in a user's upgrade.
 */
class SavepointCompatibilityTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(SavepointFixture.PARALLELISM)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void theCurrentJobRestoresFromTheKeptSavepointAndGoesOnAsAnUninterruptedRun(
            @TempDir Path savepoints, @InjectClusterClient RestClusterClient<?> flink) throws Exception {
        Path fixture = SavepointFixture.directory();
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        List<SimulatedRecord> records = SavepointFixture.records(fixture);

        String whole = "whole-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(kafka, 2, whole + ".posts", whole + ".dead-letters", whole + ".alerts", whole + ".zones");
        StoppedRuns.produce(kafka, whole + ".posts", records);
        JobRuns.run(JobRuns.job(kafka, es, whole, whole + ".posts", whole + ".dead-letters"), new Configuration());

        // The savepoint's source splits hold offsets into the fixture's topic: all of it is produced
        // again, and the restored job reads on from where the savepoint stopped.
        SavepointFixture.createTopics(kafka);
        StoppedRuns.produce(kafka, SavepointFixture.RUN + ".posts", records);
        Configuration strict = new Configuration();
        strict.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        StoppedRuns.runUntilRead(METRICS, flink.getWebInterfaceURL(), kafka, es, SavepointFixture.RUN,
                records.size() - SavepointFixture.SAVED, savepoints, true, SavepointFixture.PARALLELISM, strict,
                fixture.toString());

        List<String> differences = new ArrayList<>();
        List<String> casesWithoutPermalink = new ArrayList<>();
        for (String index : JobRuns.INDICES) {
            Map<String, String> expected = JobRuns.comparableDocuments(es, whole + index);
            Map<String, String> restored = JobRuns.comparableDocuments(es, SavepointFixture.RUN + index);
            System.out.printf("SavepointCompatibilityTest: <run>%s: %d documents uninterrupted, %d written after the restore%n",
                    index, expected.size(), restored.size());
            restored.forEach((id, document) -> {
                // The kept savepoint predates the cases' permalink: a case it held, or whose opening
                // post it held, has none after the restore, and is otherwise the same.
                if (index.equals("-care-cases") && expected.get(id) != null && sameWithoutPermalink(expected.get(id), document)) {
                    casesWithoutPermalink.add(id);
                    return;
                }
                if (!Objects.equals(expected.get(id), document)) {
                    differences.add("<run>" + index + " " + id + "\n  uninterrupted: " + expected.get(id)
                            + "\n  restored:      " + document);
                }
            });
        }
        assertThat(differences).as("documents the restored job wrote otherwise than an uninterrupted run").isEmpty();
        System.out.printf("SavepointCompatibilityTest: %d cases restored without a permalink%n", casesWithoutPermalink.size());
        assertThat(casesWithoutPermalink).as("cases opened after the savepoint have their permalink")
                .hasSizeLessThan(JobRuns.comparableDocuments(es, SavepointFixture.RUN + "-care-cases").size());

        Map<String, String> windows = JobRuns.comparableDocuments(es, SavepointFixture.RUN + "-windows-*");
        long savedUpTo = records.get(SavepointFixture.SAVED - 1).eventTime();
        assertThat(windows.keySet())
                .as("windows begun before the savepoint, finished by the restored job from their state")
                .anySatisfy(id -> assertThat(Long.parseLong(id.substring(id.lastIndexOf('|') + 1))).isLessThan(savedUpTo))
                .as("the first windows closed before the savepoint, so a job that read the topic again from its start fails")
                .hasSizeLessThan(JobRuns.comparableDocuments(es, whole + "-windows-*").size());
    }

    /** Whether the restored case lacks the permalink of the uninterrupted one and differs in nothing else. */
    private static boolean sameWithoutPermalink(String uninterrupted, String restored) {
        try {
            ObjectNode expected = (ObjectNode) JSON.readTree(uninterrupted);
            JsonNode actual = JSON.readTree(restored);
            return expected.has("permalink") && !actual.has("permalink") && expected.without("permalink").equals(actual);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
