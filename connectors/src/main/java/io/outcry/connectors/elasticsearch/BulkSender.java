package io.outcry.connectors.elasticsearch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends one bulk request without blocking; the seam between the sink writer and the Elasticsearch client. */
interface BulkSender {

    /**
     * @return one response per document, in the order of {@code documents}, or a failure with a
     *     {@link BulkRequestException} when the request as a whole got no item answers
     */
    CompletableFuture<List<ItemResponse>> send(List<ElasticsearchDocument> documents);
}
