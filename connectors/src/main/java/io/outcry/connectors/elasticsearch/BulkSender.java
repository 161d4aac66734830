package io.outcry.connectors.elasticsearch;

import java.util.List;

/** Sends one bulk request; the seam between the retry logic and the Elasticsearch client. */
interface BulkSender {

    /** @return one response per document, in the order of {@code documents} */
    List<ItemResponse> send(List<ElasticsearchDocument> documents) throws BulkRequestException;
}
