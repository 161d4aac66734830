package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code outcry ingest-benchmark <format> <file>}: how fast one adapter maps records on one
 * thread. Takes the file's lines that map to posts only (control messages and dead letters
 * are not what a firehose is made of), warms up, then maps them round and round and prints
 * posts/s and MB/s twice: mapping alone, and mapping plus writing the canonical JSON, which is
 * what {@code outcry ingest} does for each post before it reaches Kafka. Rates are given per CPU
 * second of the measuring thread, which other processes on a shared machine do not distort,
 * and per wall-clock second.
 *
 * <pre>
 * outcry ingest-benchmark twitter-v1 tools/src/test/resources/ingest/twitter-v1.jsonl --seconds 10
 * </pre>
 *
 * Options: {@code --seconds}, {@code --warmup-seconds}, {@code --instance} (mastodon).
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true,
        description = "Measure one adapter's throughput on one thread: posts/s and MB/s, mapping alone and with the canonical JSON written.")
public final class IngestBenchmarkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<format>", description = "twitter-v1, twitter-v2, bluesky-jetstream, mastodon or canonical.")
    String format;

    @Parameters(index = "1", paramLabel = "<file>", description = "Records of that format, NDJSON / JSON lines, gzip accepted.")
    Path file;

    @Option(names = "--seconds", description = "How long each measurement runs (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--warmup-seconds", description = "How long the JIT gets first (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 5;

    @Option(names = "--instance", paramLabel = "<host>",
            description = "mastodon: the instance that served the statuses, e.g. mastodon.social; its ids are its own "
                    + "(default: the host of each local status's uri).")
    String instance;

    /** Counts what the adapter gives; the id lengths feed a sum so the JIT cannot drop the work. */
    private static final class Tally implements Outcomes {
        final boolean write;
        long posts;
        long others;
        long sink;

        Tally(boolean write) {
            this.write = write;
        }

        @Override
        public void post(Post post) {
            posts++;
            sink += write ? CanonicalPostJson.write(post).length : post.id().length();
        }

        @Override
        public void control(String kind) {
            others++;
        }

        @Override
        public void deletion(Deletion deletion) {
            others++;
        }

        @Override
        public void deadLetter(String reason) {
            others++;
        }
    }

    @Override
    public Integer call() throws Exception {
        PlatformFormat adapter = Formats.named(spec, format, instance);
        List<byte[]> lines = new ArrayList<>();
        long[] total = new long[1];
        try (InputStream in = JsonLines.open(file)) {
            JsonLines.read(in, (bytes, offset, length, number) -> {
                total[0]++;
                Tally probe = new Tally(false);
                adapter.map(bytes, offset, length, probe);
                if (probe.posts > 0 && probe.others == 0) {
                    lines.add(Arrays.copyOfRange(bytes, offset, offset + length));
                }
            });
        }
        if (lines.isEmpty()) {
            throw new ParameterException(spec.commandLine(), file + " has no line that maps to posts only");
        }
        long bytes = lines.stream().mapToLong(l -> l.length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "ingest-benchmark %s: %d of %d lines of %s map to posts only, %.1f KB a line on average%n",
                adapter.name(), lines.size(), total[0], file.getFileName(), bytes / 1024.0 / lines.size());
        out.flush();
        measure(adapter, lines, new Tally(false), warmupSeconds);
        measure(adapter, lines, new Tally(true), warmupSeconds);
        report(out, adapter, "map", measure(adapter, lines, new Tally(false), seconds));
        report(out, adapter, "map + canonical JSON", measure(adapter, lines, new Tally(true), seconds));
        return 0;
    }

    private record Figures(long posts, long bytes, long nanos, long cpuNanos, long sink) {}

    private static Figures measure(PlatformFormat adapter, List<byte[]> lines, Tally tally, int seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long bytes = 0;
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long now = started;
        while (now < deadline) {
            for (byte[] line : lines) {
                adapter.map(line, 0, line.length, tally);
                bytes += line.length;
            }
            now = System.nanoTime();
        }
        return new Figures(tally.posts, bytes, now - started, threads.getCurrentThreadCpuTime() - cpuStarted, tally.sink);
    }

    private static void report(PrintWriter out, PlatformFormat adapter, String what, Figures f) {
        double seconds = f.nanos() / 1e9;
        double cpuSeconds = f.cpuNanos() / 1e9;
        out.printf(Locale.ROOT, "ingest-benchmark %s, %s, 1 thread: %,.0f posts/s, %.0f MB/s per CPU second of the thread; "
                        + "%,.0f posts/s, %.0f MB/s wall clock (%,d posts, %.1f s wall, %.1f s CPU; checksum %d)%n",
                adapter.name(), what, f.posts() / cpuSeconds, f.bytes() / cpuSeconds / 1e6, f.posts() / seconds,
                f.bytes() / seconds / 1e6, f.posts(), seconds, cpuSeconds, f.sink() % 1000);
        out.flush();
    }
}
