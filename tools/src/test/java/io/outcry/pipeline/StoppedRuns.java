package io.outcry.pipeline;

import io.outcry.cli.StopJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import picocli.CommandLine;

/**
 * The production job run unbounded on the current cluster and stopped as an operator stops it,
 * with {@code outcry stop --savepoint}, for the tests (and the fixture) of upgrades and rescales.
 */
final class StoppedRuns {

    private StoppedRuns() {}

    /**
     * Starts the job of {@link JobRuns#job} unbounded over {@code run}'s posts topic at
     * {@code parallelism} (from {@code fromSavepoint} unless it is null), waits until it has read {@code records} more, then stops it with
     * {@code outcry stop --savepoint} (and {@code --drain} when asked) through the JobManager
     * at {@code jobManager}, and returns the savepoint's path.
     */
    static String runUntilRead(InMemoryReporter metrics, String jobManager, String kafka, String es, String run,
            long records, Path savepoints, boolean drain, int parallelism, Configuration conf, String fromSavepoint)
            throws Exception {
        JobClient running = start(kafka, es, run, parallelism, conf, fromSavepoint);
        awaitRead(metrics, running, records);
        return stop(jobManager, running, savepoints, drain);
    }

    /** The job of {@link JobRuns#job}, unbounded, started at {@code parallelism} (from {@code fromSavepoint} unless null). */
    static JobClient start(String kafka, String es, String run, int parallelism, Configuration conf, String fromSavepoint)
            throws Exception {
        return JobRuns.start(JobRuns.job(kafka, es, run, run + ".posts", run + ".dead-letters")
                .bounded(false).parallelism(parallelism).fromSavepoint(fromSavepoint), conf);
    }

    /** Waits until the job has read {@code records} records (parsed or dead-lettered), for at most 3 minutes. */
    static void awaitRead(InMemoryReporter metrics, JobClient running, long records) throws Exception {
        JobID id = running.getJobID();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (JobRuns.counter(metrics, id, "recordsIngested") + JobRuns.counter(metrics, id, "recordsDeadLettered") < records) {
            if (running.getJobStatus().get().isGloballyTerminalState()) {
                running.getJobExecutionResult().get();
            }
            assertThat(System.nanoTime()).as("job %s read its %d records within 3 minutes", id, records).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Stops the job with {@code outcry stop --savepoint} (and {@code --drain}); returns the savepoint's path. */
    static String stop(String jobManager, JobClient running, Path savepoints, boolean drain) throws Exception {
        List<String> stop = new ArrayList<>(List.of("--jobmanager", jobManager, "--job-id", running.getJobID().toString(),
                "--savepoint", "--savepoint-dir", savepoints.toUri().toString()));
        if (drain) {
            stop.add("--drain");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new StopJob());
        command.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        assertThat(command.execute(stop.toArray(String[]::new))).isZero();
        running.getJobExecutionResult().get();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    static void produce(String kafka, String topic, List<SimulatedRecord> records) {
        try (KafkaSink sink = new KafkaSink(kafka, topic)) {
            records.forEach(sink);
        }
    }
}
