package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkBufferTest {

    @Test
    void isFullWhenItHoldsMaxActionsDocuments() {
        BulkBuffer buffer = new BulkBuffer(new BulkLimits(2, Long.MAX_VALUE, Duration.ofSeconds(1)));

        buffer.add(document("a"));
        assertThat(buffer.isFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isFull()).isTrue();
    }

    @Test
    void isFullWhenItHoldsMaxBytes() {
        int oneDocument = document("a").estimatedBytes();
        BulkBuffer buffer = new BulkBuffer(new BulkLimits(1000, oneDocument * 2L, Duration.ofSeconds(1)));

        buffer.add(document("a"));
        assertThat(buffer.isFull()).isFalse();
        buffer.add(document("b"));
        assertThat(buffer.isFull()).isTrue();
    }

    @Test
    void drainHandsOverTheDocumentsInOrderAndStartsAfresh() {
        BulkBuffer buffer = new BulkBuffer(new BulkLimits(2, Long.MAX_VALUE, Duration.ofSeconds(1)));
        buffer.add(document("a"));
        buffer.add(document("b"));

        assertThat(buffer.drain()).extracting(ElasticsearchDocument::id).containsExactly("a", "b");
        assertThat(buffer.isEmpty()).isTrue();
        buffer.add(document("c"));
        assertThat(buffer.isFull()).isFalse();
    }
}
