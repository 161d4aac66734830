package io.outcry.cli;

import io.outcry.backtest.BacktestCommand;
import io.outcry.backtest.BacktestSeriesCommand;
import io.outcry.backtest.ZoneEvaluationCommand;
import io.outcry.backtest.DetectorCostCommand;
import io.outcry.demo.DemoCommand;
import io.outcry.bench.JobBenchCommand;
import io.outcry.text.CatalogException;
import io.outcry.ingest.IngestBenchmarkCommand;
import io.outcry.ingest.IngestCommand;
import io.outcry.learn.EvaluateCommand;
import io.outcry.learn.TrainCommand;
import io.outcry.backtest.LocationAgreementCommand;
import io.outcry.pipeline.RunJob;
import io.outcry.cli.StopJob;
import io.outcry.retention.RetentionCommand;
import io.outcry.simulate.SimulateCommand;
import io.outcry.twcs.TwcsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code outcry} command line: {@code demo}, {@code run}, {@code simulate}, {@code train}, {@code evaluate}, {@code twcs}, ... */
@Command(
        name = "outcry",
        mixinStandardHelpOptions = true,
        version = "Outcry 0.1.0",
        description = "Real-time brand-reputation and service-outage radar on Apache Flink.",
        subcommands = {DemoCommand.class, RunJob.class, StopJob.class, RetentionCommand.class, SimulateCommand.class, TrainCommand.class, EvaluateCommand.class,
                BacktestSeriesCommand.class, BacktestCommand.class, DetectorCostCommand.class,
                ZoneEvaluationCommand.class, TwcsCommand.class, IngestCommand.class, IngestBenchmarkCommand.class, JobBenchCommand.class, LocationAgreementCommand.class})
public final class Outcry implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, where a configuration mistake (a bad file or option value found while
     * the job is built) ends in its one line and exit code 2, like a bad flag, not a stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Outcry()).setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof IllegalArgumentException || error instanceof CatalogException) {
                command.getErr().println("outcry " + command.getCommandName() + ": " + error.getMessage());
                return 2;
            }
            throw error;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
