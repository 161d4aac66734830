package io.outcry.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server running as a child process with its output in a log file. It never outlives this JVM:
 * a shutdown hook stops it, together with every process it spawned (the Elasticsearch CLI forks
 * the server JVM, and {@code runuser} sits in front of both).
 */
final class ChildProcess {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private final List<Path> deleteOnStop = new ArrayList<>();
    private boolean stopped;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "outcry-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code builder} with stdout and stderr appended to {@code log}. */
    static ChildProcess start(String name, ProcessBuilder builder, Path log) throws IOException {
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ChildProcess(name, builder.start(), log);
    }

    /**
     * The CPU time the process and the processes it started have used so far: a server's
     * launcher often runs its real JVM as a child.
     */
    Duration cpuTime() {
        ProcessHandle handle = process.toHandle();
        return Stream.concat(Stream.of(handle), handle.descendants())
                .map(each -> each.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Runs a short command to completion, failing with its output when it does not exit with 0. */
    static void run(String what, List<String> command, Path log) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish within 60 s; see " + log + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    what + " failed with exit code " + process.exitValue() + "; see " + log + tail(log));
        }
    }

    /**
     * Polls {@code ready} until it holds. Fails, stopping the process, when the process dies or
     * {@code timeout} passes; the message carries the last lines of the log.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout) throws IOException {
        awaitReady(List.of(this), ready, timeout);
    }

    /**
     * Polls {@code ready}, a condition on several processes that start together, until it holds.
     * Fails, stopping them all, when one dies (with its log) or {@code timeout} passes (with the
     * log of the first).
     */
    static void awaitReady(List<ChildProcess> processes, BooleanSupplier ready, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            for (ChildProcess child : processes) {
                if (!child.process.isAlive()) {
                    processes.forEach(ChildProcess::stop);
                    throw new IOException(
                            child.name + " exited with code " + child.process.exitValue() + " while starting; see "
                                    + child.log + tail(child.log));
                }
            }
            if (System.nanoTime() > deadline) {
                processes.forEach(ChildProcess::stop);
                ChildProcess first = processes.get(0);
                throw new IOException(
                        first.name + " did not become ready within " + timeout.toSeconds() + " s and was stopped;"
                                + " see " + first.log + tail(first.log));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                processes.forEach(ChildProcess::stop);
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + processes.get(0).name, e);
            }
        }
    }

    /**
     * Deletes {@code dir} once the process has stopped: for directories nobody else knows about.
     * Called only after a successful start, so that a failed one leaves its logs behind.
     */
    synchronized void deleteOnStop(Path dir) {
        deleteOnStop.add(dir);
    }

    /**
     * Asks the process tree to terminate, and kills what is still alive after a grace period.
     * Descendants are signalled directly: {@code runuser} would otherwise kill its child after 2 s.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(tree::add);
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        // A forced kill is asynchronous: wait for it, so that ports and files are free on return.
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Nothing more can be done than SIGKILL; the log shows what the process last did.
            }
        }
        deleteOnStop.forEach(ChildProcess::deleteTree);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or while the JVM is exiting: the hook is running anyway.
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.printf("[local-stack] could not delete %s: %s%n", dir, e.getMessage());
        }
    }

    /**
     * A log4j2 configuration for a child JVM: INFO to the console, which {@link #start} sends to
     * its log file, and only warnings from {@code quietLoggers}.
     */
    static String consoleLogging(String... quietLoggers) {
        List<String> lines = new ArrayList<>(List.of(
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.console.ref=console"));
        for (int i = 0; i < quietLoggers.length; i++) {
            lines.add("logger.quiet" + i + ".name=" + quietLoggers[i]);
            lines.add("logger.quiet" + i + ".level=WARN");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    /** The last lines of {@code log}, as a block to append to an error message. */
    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            // Lenient decoding: a log cut mid-character must not hide the error it explains.
            List<String> lines =
                    new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "\n--- last lines of " + log.getFileName() + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
