package io.outcry.connectors.elasticsearch;

import java.util.ArrayList;
import java.util.List;

/** Documents waiting for the next bulk request, and whether the request is due by size. */
final class BulkBuffer {

    private final BulkLimits limits;
    private List<ElasticsearchDocument> documents = new ArrayList<>();
    private long bytes;

    BulkBuffer(BulkLimits limits) {
        this.limits = limits;
    }

    void add(ElasticsearchDocument document) {
        documents.add(document);
        bytes += document.estimatedBytes();
    }

    boolean isFull() {
        return documents.size() >= limits.maxActions() || bytes >= limits.maxBytes();
    }

    boolean isEmpty() {
        return documents.isEmpty();
    }

    /** Hands over the buffered documents and starts an empty buffer. */
    List<ElasticsearchDocument> drain() {
        List<ElasticsearchDocument> drained = documents;
        documents = new ArrayList<>();
        bytes = 0;
        return drained;
    }
}
