package io.outcry.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Kafka broker and one Elasticsearch node per JVM, started on first use and stopped when the
 * JVM exits: the integration tests of a module share them instead of paying the start-up each.
 * Their work directories live under {@code java.io.tmpdir} and are deleted when they stop; a
 * server that fails to start keeps its directory, for its logs.
 *
 * <p>Where the servers come from is written by the build into {@code outcry-local-stack.properties};
 * the environment variables {@code OUTCRY_KAFKA_CLASSPATH_FILE}, {@code OUTCRY_ELASTICSEARCH_HOME}
 * and {@code OUTCRY_FLINK_CLASSPATH_FILE} override it. When neither is there, run {@code mvn -pl
 * local-stack -am generate-resources}.
 */
public final class LocalStack {

    private static LocalKafka kafka;
    private static LocalElasticsearch elasticsearch;
    private static RuntimeException kafkaFailure;
    private static RuntimeException elasticsearchFailure;

    private LocalStack() {}

    /**
     * The broker of this JVM, started on the first call.
     *
     * @throws UncheckedIOException when it cannot start; later calls fail the same way at once
     *     rather than waiting for another doomed start
     */
    public static synchronized LocalKafka sharedKafka() {
        if (kafka == null && kafkaFailure == null) {
            try {
                kafka = LocalKafka.start(Files.createTempDirectory("outcry-kafka-"), true);
            } catch (IOException e) {
                kafkaFailure = new UncheckedIOException("The shared Kafka broker did not start: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                kafkaFailure = e;
            }
        }
        if (kafkaFailure != null) {
            throw kafkaFailure;
        }
        return kafka;
    }

    /**
     * The Elasticsearch node of this JVM, started on the first call.
     *
     * @throws UncheckedIOException when it cannot start; later calls fail the same way at once
     */
    public static synchronized LocalElasticsearch sharedElasticsearch() {
        if (elasticsearch == null && elasticsearchFailure == null) {
            try {
                elasticsearch = LocalElasticsearch.start(Files.createTempDirectory("outcry-elasticsearch-"), true);
            } catch (IOException e) {
                elasticsearchFailure =
                        new UncheckedIOException(
                                "The shared Elasticsearch node did not start: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                elasticsearchFailure = e;
            }
        }
        if (elasticsearchFailure != null) {
            throw elasticsearchFailure;
        }
        return elasticsearch;
    }
}
