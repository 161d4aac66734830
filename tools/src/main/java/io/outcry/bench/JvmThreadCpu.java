package io.outcry.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where this JVM's CPU went over a stretch of time: its JIT compilers, its garbage collector,
 * and its Java threads by operator chain or helper ({@link JobProfile#part}). A JFR profile sees
 * none of the first two (they run no Java code), and costs the job a good part of its CPU
 * itself; this reads {@code /proc/self/task} and each Java thread's CPU time once a second and
 * costs nothing the bench can see. Compiler and collector threads live as long as the JVM, so a
 * reading a second old misses little of them; a task thread that ends with the job loses what
 * it spent after its last reading, so the parts add up to a little less than the process's CPU.
 * Linux only: elsewhere {@link #start()} returns null.
 */
final class JvmThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Kernel clock ticks a second, in which {@code /proc} counts CPU time: 100 on every Linux the bench runs on. */
    private static final long TICKS_PER_SECOND = 100;

    enum Kind { JIT, GC, OTHER }

    /** CPU seconds of the JIT compilers, of the garbage collector, of the Java threads per part, and of the whole process. */
    record Shares(double jitSeconds, double gcSeconds, Map<String, Double> partSeconds, double processSeconds) {
        double jit() {
            return jitSeconds / processSeconds;
        }

        double gc() {
            return gcSeconds / processSeconds;
        }

        /** Each part's share of the process's CPU, the largest first. */
        Map<String, Double> parts() {
            Map<String, Double> shares = new LinkedHashMap<>();
            partSeconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(part -> shares.put(part.getKey(), part.getValue() / processSeconds));
            return shares;
        }
    }

    private final Map<String, Long> baseline;
    private final Map<String, Long> latest = new HashMap<>();
    private final Map<String, Kind> kinds = new HashMap<>();
    private final ThreadMXBean javaThreads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, String> javaNames = new HashMap<>();
    private final Map<Long, Long> javaLatest = new HashMap<>();
    private final Map<Long, Long> javaBaseline;
    private final long processNanosAtStart = JobBenchCommand.processCpuNanos();
    private final Thread sampler;

    private JvmThreadCpu() {
        baseline = read();
        readJavaThreads();
        javaBaseline = new HashMap<>(javaLatest);
        sampler = new Thread(this::sample, "jvm-thread-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts reading, or null where {@code /proc/self/task} does not exist. */
    static JvmThreadCpu start() {
        return Files.isDirectory(TASKS) ? new JvmThreadCpu() : null;
    }

    /** What a thread named {@code comm} (as {@code /proc} shows it: its first 15 characters) does. */
    static Kind kindOf(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return Kind.JIT;
        }
        // G1's workers and concurrent threads, and the other collectors' "GC Thread#n"
        return comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? Kind.GC : Kind.OTHER;
    }

    /** The fields of a {@code /proc/<pid>/task/<tid>/stat} line after the thread's name, the state first. */
    static String[] fields(String stat) {
        // the name in brackets may hold spaces and brackets of its own: the fields start after the last one
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** User plus system time, in ticks. */
    static long ticks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            latest.putAll(read());
            readJavaThreads();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Ticks of the compiler and collector threads, each under its id and start time (a thread id
     * may come back for a later thread), remembering each thread's kind.
     */
    private Map<String, Long> read() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String[] fields = fields(Files.readString(task.resolve("stat")));
                    String thread = task.getFileName() + "@" + fields[19];
                    if (kinds.computeIfAbsent(thread, t -> kindOf(comm(task))) != Kind.OTHER) {
                        ticks.put(thread, ticks(fields));
                    }
                } catch (IOException | RuntimeException threadEnded) {
                    // it ended between the listing and the reading: its last reading stands
                }
            }
        } catch (IOException e) {
            // the listing failed once: the next second's reading covers it
        }
        return ticks;
    }

    /** Each Java thread's CPU nanoseconds so far; an id is never given to a later thread. */
    private void readJavaThreads() {
        long[] ids = javaThreads.getAllThreadIds();
        long[] nanos = javaThreads.getThreadCpuTime(ids);
        for (int i = 0; i < ids.length; i++) {
            if (nanos[i] >= 0) {
                javaLatest.put(ids[i], nanos[i]);
                javaNames.computeIfAbsent(ids[i], this::javaName);
            }
        }
    }

    private String javaName(long id) {
        ThreadInfo info = javaThreads.getThreadInfo(id);
        return info == null ? null : info.getThreadName();
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops reading and returns the shares since {@link #start()}; the reading thread is joined, so what it read is ours. */
    Shares stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        latest.putAll(read());
        readJavaThreads();
        double jit = 0;
        double gc = 0;
        for (Map.Entry<String, Long> thread : latest.entrySet()) {
            double seconds = (thread.getValue() - baseline.getOrDefault(thread.getKey(), 0L)) / (double) TICKS_PER_SECOND;
            if (kinds.get(thread.getKey()) == Kind.JIT) {
                jit += seconds;
            } else {
                gc += seconds;
            }
        }
        Map<String, Double> parts = new HashMap<>();
        javaLatest.forEach((id, nanos) -> {
            String part = JobProfile.part(javaNames.get(id));
            if (part != null) {
                parts.merge(part, (nanos - javaBaseline.getOrDefault(id, 0L)) / 1e9, Double::sum);
            }
        });
        return new Shares(jit, gc, parts, (JobBenchCommand.processCpuNanos() - processNanosAtStart) / 1e9);
    }
}
