package io.outcry.connectors.elasticsearch;

import java.io.Serializable;

/** Turns one element of the stream into the document that represents it in Elasticsearch. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    /** For a stream that carries its documents already. */
    DocumentMapper<ElasticsearchDocument> IDENTITY = document -> document;

    ElasticsearchDocument map(T element);
}
