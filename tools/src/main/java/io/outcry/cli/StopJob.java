package io.outcry.cli;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.util.ExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code outcry stop}: stops a running Outcry job through the JobManager's REST API, with a
 * savepoint to restart it from ({@code outcry run --from-savepoint}, {@code flink run -s}).
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Stops a running Outcry job on a Flink cluster, with a savepoint to upgrade or rescale it from.")
public final class StopJob implements Callable<Integer> {

    /** Flink's reason for refusing a checkpoint while tasks are being deployed or restored. */
    private static final String NOT_ALL_RUNNING = "Not all required tasks are currently running";

    @Spec
    CommandSpec spec;

    @Option(names = "--jobmanager", description = "The JobManager's REST address.")
    URI jobManager = URI.create("http://localhost:8081");

    @Option(names = "--job-name", description = "The running job to stop, by name (`outcry run --job-name`).")
    String jobName = "outcry";

    @Option(names = "--job-id", description = "The job to stop, by id, when several run under one name.")
    String jobId;

    @Option(names = "--savepoint", description = "Take a savepoint as the job stops, and print its path.")
    boolean savepoint;

    @Option(names = "--savepoint-dir", description = "Where the savepoint goes (default: the job's --savepoint-dir).")
    String savepointDir;

    @Option(names = "--drain", description = "With --savepoint: close every open window first, as at the end of the "
            + "input. For retiring a job; an upgrade or a rescale must not drain, or its windows would be emitted twice.")
    boolean drain;

    @Option(names = "--timeout-seconds", description = "How long to wait for the savepoint.")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws Exception {
        if (drain && !savepoint) {
            throw new ParameterException(spec.commandLine(), "--drain needs --savepoint");
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, jobManager.getHost());
        conf.set(RestOptions.PORT, jobManager.getPort() < 0 ? 8081 : jobManager.getPort());
        try (RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            JobID job = running(client);
            if (!savepoint) {
                client.cancel(job).get(timeoutSeconds, TimeUnit.SECONDS);
                spec.commandLine().getOut().println("cancelled " + job + " without a savepoint");
                return 0;
            }
            String path = stopWithSavepoint(client, job);
            spec.commandLine().getErr().println("stopped " + job + "; restart with --from-savepoint " + path);
            spec.commandLine().getOut().println(path);
            return 0;
        }
    }

    /**
     * A savepoint is refused while any task is not running yet, as for a while after the job
     * (re)started and restores its state: asks again until every task runs or the timeout passes.
     */
    private String stopWithSavepoint(RestClusterClient<StandaloneClusterId> client, JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try {
                return client.stopWithSavepoint(job, drain, savepointDir, SavepointFormatType.CANONICAL)
                        .get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!ExceptionUtils.stringifyException(e).contains(NOT_ALL_RUNNING) || System.nanoTime() > deadline) {
                    throw e;
                }
                spec.commandLine().getErr().println("job " + job + " is still starting some tasks; asking again in 2 s");
                Thread.sleep(2_000);
            }
        }
    }

    private JobID running(RestClusterClient<StandaloneClusterId> client) throws Exception {
        if (jobId != null) {
            return JobID.fromHexString(jobId);
        }
        List<JobID> named = client.listJobs().get(30, TimeUnit.SECONDS).stream()
                .filter(job -> !job.getJobState().isGloballyTerminalState() && job.getJobName().equals(jobName))
                .map(JobStatusMessage::getJobId)
                .toList();
        if (named.size() != 1) {
            throw new IllegalArgumentException((named.isEmpty() ? "no running job" : named.size() + " running jobs")
                    + " named '" + jobName + "' at " + jobManager + "; give --job-id (see " + jobManager + "/jobs/overview)");
        }
        return named.get(0);
    }
}
