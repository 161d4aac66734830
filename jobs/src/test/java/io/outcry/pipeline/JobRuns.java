package io.outcry.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The production job run once over a bounded topic, with every output named after the run, for end-to-end tests. */
final class JobRuns {

    private JobRuns() {}

    /**
     * Runs the job over {@code postsTopic} to its end, with windows, alerts, zones and care
     * indexed under {@code run}'s name, and {@code more} arguments.
     */
    static JobID run(String kafka, String es, String run, String postsTopic, String deadLetterTopic, Configuration conf,
            String... more) throws Exception {
        return prepare(kafka, es, run, postsTopic, deadLetterTopic, conf, more).execute(run).getJobID();
    }

    /** The same, started in the background, for a test that acts on the job while it runs. */
    static JobClient start(String kafka, String es, String run, String postsTopic, String deadLetterTopic,
            Configuration conf, String... more) throws Exception {
        return prepare(kafka, es, run, postsTopic, deadLetterTopic, conf, more).executeAsync(run);
    }

    /** The environment {@link #run} executes, with the job built in it, for a test that starts it itself. */
    static StreamExecutionEnvironment prepare(String kafka, String es, String run, String postsTopic,
            String deadLetterTopic, Configuration conf, String... more) {
        RunJob job = RunJob.fromArgs(arguments(kafka, es, run, postsTopic, deadLetterTopic, more));
        StreamExecutionEnvironment env = job.environment(conf);
        job.job().build(env);
        return env;
    }

    /** The command line of {@link #run}. */
    static String[] arguments(String kafka, String es, String run, String postsTopic, String deadLetterTopic, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", kafka,
                "--posts-topic", postsTopic,
                "--dead-letter-topic", deadLetterTopic,
                "--group-id", run,
                "--starting-offsets", "earliest",
                "--bounded",
                "--elasticsearch", es,
                "--index-prefix", run + "-windows",
                "--alerts-index", run + "-alerts", "--alerts-topic", run + ".alerts",
                "--zones-index", run + "-zones", "--zones-topic", run + ".zones",
                "--care-index", run + "-care", "--care-cases-index", run + "-care-cases",
                "--parallelism", "2",
                "--checkpoint-interval", "2s",
                "--job-name", run));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A counter summed over the job's subtasks. */
    static long counter(InMemoryReporter metrics, JobID job, String name) {
        return metrics.findMetrics(job, name).values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
