package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkWriterTest {

    private final ScriptedBulkSender sender = new ScriptedBulkSender();
    private final CollectingRejectedHandler rejected = new CollectingRejectedHandler();
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private boolean clientClosed;

    private ElasticsearchSinkWriter<String> writer(BulkLimits limits) throws Exception {
        time.setCurrentTime(0);
        BulkIndexer indexer = new BulkIndexer(sender, RetryPolicy.DEFAULT, rejected,
                new BulkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup()), duration -> {});
        return new ElasticsearchSinkWriter<>(
                Documents::document, limits, indexer, rejected, time, () -> clientClosed = true);
    }

    @Test
    void sendsABulkRequestAsSoonAsMaxActionsDocumentsAreBuffered() throws Exception {
        ElasticsearchSinkWriter<String> writer = writer(new BulkLimits(2, Long.MAX_VALUE, Duration.ofHours(1)));

        writer.write("a", null);
        assertThat(sender.requests()).isEmpty();
        writer.write("b", null);
        writer.write("c", null);

        assertThat(sender.requests()).hasSize(1);
        assertThat(sender.idsOfRequest(0)).containsExactly("a", "b");
    }

    @Test
    void sendsABulkRequestAsSoonAsMaxBytesAreBuffered() throws Exception {
        long twoDocuments = document("a").estimatedBytes() + document("b").estimatedBytes();
        ElasticsearchSinkWriter<String> writer = writer(new BulkLimits(1000, twoDocuments, Duration.ofHours(1)));

        writer.write("a", null);
        writer.write("b", null);

        assertThat(sender.idsOfRequest(0)).containsExactly("a", "b");
    }

    @Test
    void sendsWhatIsBufferedEachTimeTheFlushIntervalElapses() throws Exception {
        ElasticsearchSinkWriter<String> writer = writer(new BulkLimits(1000, Long.MAX_VALUE, Duration.ofSeconds(1)));

        writer.write("a", null);
        time.setCurrentTime(999);
        assertThat(sender.requests()).isEmpty();
        time.setCurrentTime(1000);
        assertThat(sender.idsOfRequest(0)).containsExactly("a");

        writer.write("b", null);
        time.setCurrentTime(2000);
        assertThat(sender.requests()).hasSize(2);
        assertThat(sender.idsOfRequest(1)).containsExactly("b");
    }

    @Test
    void sendsNothingWhenTheIntervalElapsesOnAnEmptyBuffer() throws Exception {
        writer(new BulkLimits(1000, Long.MAX_VALUE, Duration.ofSeconds(1)));

        time.setCurrentTime(5000);

        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void flushBeforeACheckpointIndexesEverythingAndFlushesTheDeadLetters() throws Exception {
        ElasticsearchSinkWriter<String> writer = writer(new BulkLimits(1000, Long.MAX_VALUE, Duration.ofHours(1)));
        writer.write("a", null);
        writer.write("b", null);

        writer.flush(false);

        assertThat(sender.idsOfRequest(0)).containsExactly("a", "b");
        assertThat(rejected.flushes).isEqualTo(1);
    }

    @Test
    void closeStopsTheTimerAndReleasesTheClientAndTheHandler() throws Exception {
        ElasticsearchSinkWriter<String> writer = writer(new BulkLimits(1000, Long.MAX_VALUE, Duration.ofSeconds(1)));
        writer.write("a", null);

        writer.close();
        time.setCurrentTime(5000);

        assertThat(sender.requests()).isEmpty();
        assertThat(clientClosed).isTrue();
        assertThat(rejected.closed).isTrue();
    }

    @Test
    void refusesAMapperThatReturnsNull() {
        BulkIndexer indexer = new BulkIndexer(sender, RetryPolicy.DEFAULT, rejected,
                new BulkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup()), duration -> {});
        ElasticsearchSinkWriter<String> writer = new ElasticsearchSinkWriter<>(
                element -> null, BulkLimits.DEFAULT, indexer, rejected, time, () -> {});

        assertThatThrownBy(() -> writer.write("a", null)).hasMessageContaining("returned null");
    }
}
