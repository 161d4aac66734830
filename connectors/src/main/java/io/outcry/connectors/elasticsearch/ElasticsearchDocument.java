package io.outcry.connectors.elasticsearch;

import java.util.Objects;

/**
 * One document to index, already serialized by the caller.
 *
 * <p>The id is mandatory: the sink writes {@code index} operations with this id, so a replay
 * after a failure, or a later update of the same window, overwrites the document instead of
 * adding a second one. Derive it from what identifies the document (e.g. the window key and
 * start), never from processing time or a random value.
 *
 * @param index          target index (or alias)
 * @param id             deterministic document id
 * @param source         the document as UTF-8 JSON bytes
 * @param eventTimestamp epoch ms of the event the document describes, carried into a dead
 *                       letter if Elasticsearch refuses the document
 */
public record ElasticsearchDocument(String index, String id, byte[] source, long eventTimestamp) {

    public ElasticsearchDocument {
        requireText(index, "index");
        requireText(id, "id");
        Objects.requireNonNull(source, "source: pass the document JSON bytes");
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
