package io.outcry.connectors.elasticsearch;

import java.io.Serializable;

/** Turns one element of the stream into the document that represents it in Elasticsearch. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    ElasticsearchDocument map(T element);
}
