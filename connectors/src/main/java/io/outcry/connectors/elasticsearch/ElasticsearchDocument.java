package io.outcry.connectors.elasticsearch;

import java.util.Objects;

/**
 * One document to index, already serialized by the caller, or one to delete ({@link #deletion}).
 *
 * <p>The id is mandatory: the sink writes {@code index} operations with this id, so a replay
 * after a failure, or a later update of the same window, overwrites the document instead of
 * adding a second one. Derive it from what identifies the document (e.g. the window key and
 * start), never from processing time or a random value.
 *
 * @param index          target index (or alias)
 * @param id             deterministic document id
 * @param source         the document as UTF-8 JSON bytes; empty for a deletion
 * @param eventTimestamp epoch ms of the event the document describes, carried into a dead
 *                       letter if Elasticsearch refuses the document
 */
public record ElasticsearchDocument(String index, String id, byte[] source, long eventTimestamp) {

    public ElasticsearchDocument {
        requireText(index, "index");
        requireText(id, "id");
        Objects.requireNonNull(source, "source: pass the document JSON bytes");
    }

    // No JSON document is empty, so an empty source can stand for a deletion: the buffer, its
    // checkpointed form and the dead letters carry deletions as they are.
    private static final byte[] NO_SOURCE = new byte[0];

    /**
     * Deletes the document {@code id} of {@code index}; a document or an index that is not there
     * is already deleted. Like a new version, it replaces a version of the document waiting in
     * the sink's buffer.
     */
    public static ElasticsearchDocument deletion(String index, String id, long eventTimestamp) {
        return new ElasticsearchDocument(index, id, NO_SOURCE, eventTimestamp);
    }

    public boolean isDeletion() {
        return source.length == 0;
    }

    /** Rough size on the wire: the source plus its bulk action line. */
    int estimatedBytes() {
        return source.length + index.length() + id.length() + 40;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "ElasticsearchDocument needs a non-blank " + name + ", got '" + value + "'");
        }
    }
}
