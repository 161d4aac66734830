package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.deadletter.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class BulkIndexerTest {

    private final ScriptedBulkSender sender = new ScriptedBulkSender();
    private final CollectingRejectedHandler rejected = new CollectingRejectedHandler();
    private final BulkMetrics metrics = new BulkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    private final List<Duration> sleeps = new ArrayList<>();
    private final BulkIndexer indexer = new BulkIndexer(
            sender, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)), rejected, metrics, sleeps::add);

    @Test
    void indexesABatchInOneRequestWhenEveryDocumentIsAccepted() throws Exception {
        indexer.index(List.of(document("a"), document("b")));

        assertThat(sender.requests()).hasSize(1);
        assertThat(metrics.documentsIndexed()).isEqualTo(2);
        assertThat(sleeps).isEmpty();
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void resendsOnlyTheDocumentsAnsweredTooManyRequestsOrServerError() throws Exception {
        sender.thenStatuses(201, 429, 200, 503);

        indexer.index(List.of(document("a"), document("b"), document("c"), document("d")));

        assertThat(sender.idsOfRequest(1)).containsExactly("b", "d");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        assertThat(metrics.documentsIndexed()).isEqualTo(4);
        assertThat(metrics.bulkRequests()).isEqualTo(2);
        assertThat(metrics.bulkRetries()).isEqualTo(1);
    }

    @Test
    void deadLettersADocumentRefusedForGoodAndIndexesTheRest() throws Exception {
        sender.then(documents -> List.of(
                ItemResponse.indexed(201),
                new ItemResponse(400, "document_parsing_exception: failed to parse field [location] of type"
                        + " [geo_point]; caused by illegal_argument_exception: illegal latitude value [999.0]")));
        ElasticsearchDocument refused = document("b");

        indexer.index(List.of(document("a"), refused));

        assertThat(sender.requests()).hasSize(1);
        assertThat(metrics.documentsIndexed()).isEqualTo(1);
        assertThat(metrics.documentsRejected()).isEqualTo(1);
        DeadLetter deadLetter = rejected.deadLetters.get(0);
        assertThat(deadLetter.stage()).isEqualTo(DeadLetter.STAGE_INDEX);
        assertThat(deadLetter.reason())
                .contains("'b'", "'test-index'", "HTTP 400", "document_parsing_exception", "illegal latitude value");
        assertThat(deadLetter.payload()).isEqualTo(refused.source());
        assertThat(deadLetter.key()).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.timestamp()).isEqualTo(refused.eventTimestamp());
        assertThat(deadLetter.topic()).isNull();
        assertThat(deadLetter.offset()).isEqualTo(-1);
    }

    @Test
    void resendsAWholeRequestThatCouldNotReachElasticsearch() throws Exception {
        sender.thenFail("Connection refused", true).thenFail("Connection refused", true);

        indexer.index(List.of(document("a")));

        assertThat(sender.requests()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(metrics.documentsIndexed()).isEqualTo(1);
    }

    @Test
    void failsWhenDocumentsAreStillThrottledAfterTheLastAttempt() {
        sender.thenStatuses(201, 429).thenStatuses(429).thenStatuses(429);

        assertThatThrownBy(() -> indexer.index(List.of(document("a"), document("b"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 document(s) still not indexed after 3 attempts")
                .hasMessageContaining("id 'b'")
                .hasMessageContaining("HTTP 429");
        assertThat(sender.requests()).hasSize(3);
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void failsRatherThanDeadLettersWhenElasticsearchStaysUnreachable() {
        sender.thenFail("Connection refused", true)
                .thenFail("Connection refused", true)
                .thenFail("Connection refused", true);

        assertThatThrownBy(() -> indexer.index(List.of(document("a"))))
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("Connection refused")
                .hasRootCauseInstanceOf(BulkRequestException.class);
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheRequestIsRefusedForAReasonRetryingCannotFix() {
        sender.thenFail("Elasticsearch answered HTTP 401: security_exception", false);

        assertThatThrownBy(() -> indexer.index(List.of(document("a"))))
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Retrying will not help");
        assertThat(sender.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }
}
