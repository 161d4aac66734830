package io.outcry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the whole job's time goes: a Java Flight Recorder recording of this JVM while the job
 * runs, summarised as the share of CPU samples per operator chain (a Flink task thread is named
 * after the operators chained in it) and per helper thread (checkpoint snapshots, the
 * Elasticsearch client), each with the methods most often on top of its stack, plus the time
 * stopped by garbage collection. The broker and the node run in processes of their own and are
 * not in it.
 */
final class JobProfile implements AutoCloseable {

    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+$");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private static final int METHODS_SHOWN = 3;

    private final Recording recording;
    private final Path file;

    private JobProfile(Path file) throws IOException, ParseException {
        this.file = file;
        this.recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.start();
    }

    /** Starts recording this JVM into {@code file}. */
    static JobProfile start(Path file) throws IOException, ParseException {
        return new JobProfile(file);
    }

    /** One operator chain or helper thread: its samples and its most sampled methods. */
    record Part(String name, int samples, List<String> topMethods) {}

    /** The recording summarised: the parts by samples, the total, and the time stopped by GC. */
    record Summary(List<Part> parts, int samples, Duration gcPauses) {

        /** A readable table, one line per part with at least 1 % of the samples. */
        String table() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "where the job's CPU goes (%,d samples of this JVM; GC stopped it %.1f s):%n",
                    samples, gcPauses.toMillis() / 1000.0));
            for (Part part : parts) {
                double share = 100.0 * part.samples() / Math.max(1, samples);
                if (share >= 1) {
                    out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n           %s%n", share, part.name(),
                            String.join(", ", part.topMethods())));
                }
            }
            return out.toString();
        }
    }

    /** Stops recording and reads it back. */
    Summary stop() throws IOException {
        recording.stop();
        recording.close();
        Map<String, Map<String, Integer>> methodsByPart = new HashMap<>();
        Map<String, Integer> samplesByPart = new HashMap<>();
        long gcPauseNanos = 0;
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
            } else if (type.equals("jdk.ExecutionSample")) {
                RecordedThread thread = event.getThread("sampledThread");
                String part = part(thread == null ? null : thread.getJavaName());
                if (part == null) {
                    continue;
                }
                samples++;
                samplesByPart.merge(part, 1, Integer::sum);
                methodsByPart.computeIfAbsent(part, p -> new HashMap<>()).merge(topMethod(event.getStackTrace()), 1, Integer::sum);
            }
        }
        List<Part> parts = new ArrayList<>();
        samplesByPart.forEach((part, count) -> parts.add(new Part(part, count, methodsByPart.get(part).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(METHODS_SHOWN)
                .map(entry -> entry.getKey() + " " + Math.round(100.0 * entry.getValue() / count) + "%").toList())));
        parts.sort(Comparator.comparingInt(Part::samples).reversed());
        return new Summary(parts, samples, Duration.ofNanos(gcPauseNanos));
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The operator chain a task thread named {@code name} runs, or what a helper thread does; null for the bench's own threads. */
    static String part(String name) {
        if (name == null || name.equals("main") || name.startsWith("kafka-producer-network-thread | outcry-simulate")) {
            return null;
        }
        if (name.startsWith("AsyncOperations")) {
            return "checkpoints: writing state snapshots";
        }
        if (name.startsWith("elasticsearch-rest-client")) {
            return "Elasticsearch client I/O";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "Kafka producer I/O";
        }
        String chain = SUBTASK.matcher(name).replaceAll("");
        return chain.equals(name) ? NUMBERS.matcher(name).replaceAll("#") : chain;
    }

    /** The innermost Outcry method on the stack, or the top frame when none is. */
    private static String topMethod(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith("io.outcry")) {
                return name(frame);
            }
        }
        return name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
