package io.outcry.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The state each operator of a running job held at its largest checkpoint: the bytes its
 * snapshot wrote, which on the heap backend is all of its state at every checkpoint. Read once
 * a second from the metadata of the checkpoints as they complete in a directory of the bench's
 * own, since a job that ends discards them. The largest, not the last: once a bounded input
 * ends, the operators let go of what they held before the last checkpoints. Operators are named
 * as in the job's graph, through the ids Flink derives from it ({@link StreamGraphHasherV2}, as
 * when it builds the job).
 */
final class CheckpointState {

    /**
     * The largest checkpoint read: its id, the state's bytes in all and those the checkpoint wrote
     * (fewer than all only with RocksDB's incremental checkpoints, which share what did not
     * change), and each operator's bytes in all, of those that held any, the largest first.
     */
    record Reading(long checkpointId, long bytes, long writtenBytes, Map<String, Long> bytesByOperator) {
    }

    private final Path directory;
    private final Map<OperatorID, String> names = new HashMap<>();
    private final Thread reader;
    /** Written by the reader thread, read once it has ended ({@link #stop()}). */
    private Reading largest;
    private long newestRead = -1;

    private CheckpointState(Path directory, StreamGraph graph) {
        this.directory = directory;
        new StreamGraphHasherV2().traverseStreamGraphAndGenerateHashes(graph).forEach((node, hash) -> {
            StreamNode streamNode = graph.getStreamNode(node);
            names.put(new OperatorID(hash), streamNode.getOperatorName());
        });
        reader = new Thread(this::readEverySecond, "checkpoint-state-reader");
        reader.setDaemon(true);
    }

    /** Reads the checkpoints of the job {@code graph} describes as they complete under {@code directory}. */
    static CheckpointState watch(Path directory, StreamGraph graph) {
        CheckpointState state = new CheckpointState(directory, graph);
        state.reader.start();
        return state;
    }

    /** The largest checkpoint read, or null when none completed while watched. */
    Reading stop() throws InterruptedException {
        reader.interrupt();
        reader.join();
        readNewest();
        return largest;
    }

    private void readEverySecond() {
        while (!Thread.currentThread().isInterrupted()) {
            readNewest();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readNewest() {
        Optional<Path> newest = newestMetadata();
        if (newest.isEmpty() || checkpointId(newest.get()) <= newestRead) {
            return;
        }
        try (InputStream in = Files.newInputStream(newest.get())) {
            CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    CheckpointState.class.getClassLoader(), newest.get().getParent().toString());
            Reading reading = reading(metadata);
            newestRead = reading.checkpointId();
            if (largest == null || reading.bytes() > largest.bytes()) {
                largest = reading;
            }
        } catch (IOException | RuntimeException e) {
            // still being written, or subsumed by a newer one while read: a later second reads that
        }
    }

    private Reading reading(CheckpointMetadata metadata) {
        Map<String, Long> byName = new HashMap<>();
        long bytes = 0;
        long written = 0;
        for (OperatorState operator : metadata.getOperatorStates()) {
            long size = operator.getStateSize();
            bytes += size;
            written += operator.getCheckpointedSize();
            if (size > 0) {
                byName.merge(names.getOrDefault(operator.getOperatorID(), operator.getOperatorID().toString()), size, Long::sum);
            }
        }
        Map<String, Long> largestFirst = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> largestFirst.put(entry.getKey(), entry.getValue()));
        return new Reading(metadata.getCheckpointId(), bytes, written, largestFirst);
    }

    /** The metadata of the newest completed checkpoint: {@code <job id>/chk-<n>/_metadata}, written last. */
    private Optional<Path> newestMetadata() {
        try (Stream<Path> jobs = Files.list(directory)) {
            return jobs.flatMap(CheckpointState::checkpoints).map(checkpoint -> checkpoint.resolve("_metadata"))
                    .filter(Files::isRegularFile).max(Comparator.comparingLong(CheckpointState::checkpointId));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Stream<Path> checkpoints(Path job) {
        try (Stream<Path> entries = Files.list(job)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("chk-")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long checkpointId(Path metadata) {
        return Long.parseLong(metadata.getParent().getFileName().toString().substring("chk-".length()));
    }
}
