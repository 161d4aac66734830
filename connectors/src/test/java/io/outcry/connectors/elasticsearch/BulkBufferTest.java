package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkBufferTest {

    private static BulkBuffer buffer(int maxActions, long maxBytes, int maxBuffered) {
        return new BulkBuffer(new BulkLimits(maxActions, maxBytes, Duration.ofSeconds(1), maxBuffered));
    }

    @Test
    void isFullWhenItHoldsMaxActionsDocuments() {
        BulkBuffer buffer = buffer(2, Long.MAX_VALUE, 10);

        buffer.add(document("a"));
        assertThat(buffer.isFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isFull()).isTrue();
    }

    @Test
    void isFullWhenItHoldsMaxBytes() {
        int oneDocument = document("a").estimatedBytes();
        BulkBuffer buffer = buffer(1000, oneDocument * 2L, 1000);

        buffer.add(document("a"));
        assertThat(buffer.isFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isFull()).isTrue();
    }

    @Test
    void isAtCapacityWhenItHoldsMaxBufferedDocuments() {
        BulkBuffer buffer = buffer(1, Long.MAX_VALUE, 2);

        buffer.add(document("a"));
        assertThat(buffer.isAtCapacity()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isAtCapacity()).isTrue();
    }

    @Test
    void aBatchTakesTheOldestDocumentsWithinTheRequestLimits() {
        BulkBuffer buffer = buffer(2, Long.MAX_VALUE, 10);
        buffer.add(document("a"));
        buffer.add(document("b"));
        buffer.add(document("c"));

        assertThat(buffer.nextBatch()).extracting(ElasticsearchDocument::id).containsExactly("a", "b");
        assertThat(buffer.nextBatch()).extracting(ElasticsearchDocument::id).containsExactly("c");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void aBatchStopsAtMaxBytesButAlwaysTakesOneDocument() {
        BulkBuffer buffer = buffer(10, 1, 10);
        buffer.add(document("a"));
        buffer.add(document("b"));

        assertThat(buffer.nextBatch()).extracting(ElasticsearchDocument::id).containsExactly("a");
        assertThat(buffer.isFull()).isTrue();
    }

    @Test
    void aNewerVersionReplacesTheWaitingOneButAPutBackOneDoesNot() {
        BulkBuffer buffer = buffer(10, Long.MAX_VALUE, 10);
        buffer.add(document("a", 1));
        buffer.add(document("a", 2));
        buffer.putBack(document("a", 0));

        assertThat(buffer.snapshot()).singleElement()
                .satisfies(d -> assertThat(d.source()).isEqualTo(document("a", 2).source()));
        assertThat(buffer.nextBatch()).hasSize(1);
        assertThat(buffer.isFull()).isFalse();
    }
}
