package io.outcry.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One Kafka broker and one Elasticsearch node per JVM, started on first use and stopped when the
 * JVM exits: the integration tests of a module share them instead of paying the start-up each.
 * Their work directories live under {@code java.io.tmpdir} and are deleted when they stop; a
 * server that fails to start keeps its directory, for its logs.
 *
 * <p>The first call for either starts both, side by side: every module whose tests use one uses
 * the other too, and a broker starting while the node does costs the wall clock nothing, where one
 * after the other costs both start-ups.
 *
 * <p>Where the servers come from is written by the build into {@code outcry-local-stack.properties};
 * the environment variables {@code OUTCRY_KAFKA_CLASSPATH_FILE}, {@code OUTCRY_ELASTICSEARCH_HOME}
 * and {@code OUTCRY_FLINK_CLASSPATH_FILE} override it. When neither is there, run {@code mvn -pl
 * local-stack -am generate-resources}.
 */
public final class LocalStack {

    private static CompletableFuture<LocalKafka> kafka;
    private static CompletableFuture<LocalElasticsearch> elasticsearch;

    private LocalStack() {}

    /**
     * The broker of this JVM, started on the first call (for either server).
     *
     * @throws UncheckedIOException when it cannot start; later calls fail the same way at once
     *     rather than waiting for another doomed start
     */
    public static LocalKafka sharedKafka() {
        startBoth();
        return await(kafka);
    }

    /**
     * The Elasticsearch node of this JVM, started on the first call (for either server).
     *
     * @throws UncheckedIOException when it cannot start; later calls fail the same way at once
     */
    public static LocalElasticsearch sharedElasticsearch() {
        startBoth();
        return await(elasticsearch);
    }

    private static synchronized void startBoth() {
        if (kafka == null) {
            kafka = startAsync("Kafka broker", () -> LocalKafka.start(Files.createTempDirectory("outcry-kafka-"), true));
            elasticsearch = startAsync("Elasticsearch node",
                    () -> LocalElasticsearch.start(Files.createTempDirectory("outcry-elasticsearch-"), true));
        }
    }

    private interface Start<T> {
        T start() throws IOException;
    }

    private static <T> CompletableFuture<T> startAsync(String server, Start<T> start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return start.start();
            } catch (IOException e) {
                throw new UncheckedIOException("The shared " + server + " did not start: " + e.getMessage(), e);
            }
        }, LocalStack::startThread);
    }

    /** A thread of its own per start: the common pool may have no thread to spare on two cores. */
    private static void startThread(Runnable start) {
        Thread thread = new Thread(start, "outcry-local-stack-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T await(CompletableFuture<T> server) {
        try {
            return server.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
