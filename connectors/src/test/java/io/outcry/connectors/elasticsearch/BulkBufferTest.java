package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkBufferTest {

    private static BulkBuffer buffer(int maxActions, long maxBytes, int maxBuffered) {
        return new BulkBuffer(new BulkLimits(maxActions, maxBytes, Duration.ofSeconds(1), maxBuffered, Long.MAX_VALUE));
    }

    @Test
    void isHalfFullWhenItHoldsHalfItsDocuments() {
        BulkBuffer buffer = buffer(2, Long.MAX_VALUE, 4);

        buffer.add(document("a"));
        assertThat(buffer.isHalfFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isHalfFull()).isTrue();
    }

    @Test
    void isHalfFullWhenItHoldsHalfItsBytes() {
        int oneDocument = document("a").estimatedBytes();
        BulkBuffer buffer = new BulkBuffer(new BulkLimits(1000, Long.MAX_VALUE, Duration.ofSeconds(1), 1000, oneDocument * 4L));

        buffer.add(document("a"));
        assertThat(buffer.isHalfFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isHalfFull()).isTrue();
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
    void isAtCapacityWhenItHoldsMaxBufferedBytes() {
        int oneDocument = document("a").estimatedBytes();
        BulkBuffer buffer = new BulkBuffer(new BulkLimits(1, Long.MAX_VALUE, Duration.ofSeconds(1), 1000, oneDocument * 2L));

        buffer.add(document("a"));
        assertThat(buffer.isAtCapacity()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isAtCapacity()).isTrue();
    }

    @Test
    void documentsChangedManyTimesCostOneEntryEachInTheirFirstPlace() {
        BulkBuffer buffer = buffer(10, Long.MAX_VALUE, 10);
        for (int version = 0; version < 5; version++) {
            buffer.add(document("a", version));
            buffer.add(document("b", version));
        }

        assertThat(buffer.nextBatch()).extracting(ElasticsearchDocument::id, d -> new String(d.source()))
                .containsExactly(tuple("a", new String(document("a", 4).source())),
                        tuple("b", new String(document("b", 4).source())));
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
        assertThat(buffer.size()).isEqualTo(1);
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
        assertThat(buffer.isEmpty()).isTrue();
    }
}
