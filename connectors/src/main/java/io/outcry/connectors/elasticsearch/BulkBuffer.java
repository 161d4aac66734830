package io.outcry.connectors.elasticsearch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents waiting for a bulk request, at most one per index and id: a newer version replaces
 * the one waiting, in its place. That is what makes a document that changes often cost one write
 * per flush rather than one per change, keeps an outage from filling the buffer with versions that
 * only the last would survive, and keeps an older version from overwriting a newer one.
 */
final class BulkBuffer {

    private final BulkLimits limits;
    private final Map<String, ElasticsearchDocument> documents = new LinkedHashMap<>();
    private long bytes;

    BulkBuffer(BulkLimits limits) {
        this.limits = limits;
    }

    /** Adds a document written to the sink; it replaces a waiting version with the same index and id. */
    void add(ElasticsearchDocument document) {
        ElasticsearchDocument replaced = documents.put(key(document), document);
        bytes += document.estimatedBytes() - (replaced == null ? 0 : replaced.estimatedBytes());
    }

    /**
     * Puts back a document whose request failed, unless a newer version was written meanwhile,
     * which must win.
     */
    void putBack(ElasticsearchDocument document) {
        if (documents.putIfAbsent(key(document), document) == null) {
            bytes += document.estimatedBytes();
        }
    }

    /** Whether the buffer is half full, by documents or bytes: time to send it, before writes must wait. */
    boolean isHalfFull() {
        return documents.size() >= Math.max(1, limits.maxBufferedDocuments() / 2)
                || bytes >= Math.max(1, limits.maxBufferedBytes() / 2);
    }

    /** Whether the writer must stop taking documents until some are sent. */
    boolean isAtCapacity() {
        return documents.size() >= limits.maxBufferedDocuments() || bytes >= limits.maxBufferedBytes();
    }

    boolean isEmpty() {
        return documents.isEmpty();
    }

    int size() {
        return documents.size();
    }

    /** Takes the oldest documents out for one bulk request: at least one, within the request limits. */
    List<ElasticsearchDocument> nextBatch() {
        List<ElasticsearchDocument> batch = new ArrayList<>(Math.min(documents.size(), limits.maxActions()));
        long batchBytes = 0;
        Iterator<ElasticsearchDocument> waiting = documents.values().iterator();
        while (waiting.hasNext() && batch.size() < limits.maxActions()) {
            ElasticsearchDocument document = waiting.next();
            if (!batch.isEmpty() && batchBytes + document.estimatedBytes() > limits.maxBytes()) {
                break;
            }
            batch.add(document);
            batchBytes += document.estimatedBytes();
            waiting.remove();
        }
        bytes -= batchBytes;
        return batch;
    }

    /** The waiting documents, oldest first, for the writer's checkpointed state. */
    List<ElasticsearchDocument> snapshot() {
        return List.copyOf(documents.values());
    }

    private static String key(ElasticsearchDocument document) {
        return document.index() + '\u0000' + document.id();
    }
}
