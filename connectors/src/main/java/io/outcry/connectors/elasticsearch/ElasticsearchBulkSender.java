package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends documents as {@code index} operations with their own id: a document that exists is
 * replaced whole, which is what makes replays idempotent. The source bytes go out unparsed.
 */
final class ElasticsearchBulkSender implements BulkSender {

    private final ElasticsearchClient client;

    ElasticsearchBulkSender(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<ItemResponse> send(List<ElasticsearchDocument> documents) throws BulkRequestException {
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (ElasticsearchDocument document : documents) {
            BinaryData source = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
            operations.add(BulkOperation.of(op -> op.index(
                    index -> index.index(document.index()).id(document.id()).document(source))));
        }
        BulkResponse response;
        try {
            response = client.bulk(request -> request.operations(operations));
        } catch (ElasticsearchException e) {
            throw new BulkRequestException("Elasticsearch answered HTTP " + e.status() + ": " + e.getMessage(),
                    RetryPolicy.isRetryable(e.status()), e);
        } catch (TransportException e) {
            boolean noAnswer = e.statusCode() <= 0;
            throw new BulkRequestException(
                    (noAnswer ? "" : "Elasticsearch answered HTTP " + e.statusCode() + ": ") + e.getMessage(),
                    noAnswer || RetryPolicy.isRetryable(e.statusCode()), e);
        } catch (IOException e) {
            throw new BulkRequestException("cannot reach Elasticsearch: " + e, true, e);
        }
        List<ItemResponse> items = new ArrayList<>(response.items().size());
        for (BulkResponseItem item : response.items()) {
            items.add(new ItemResponse(item.status(), item.error() == null ? null : describe(item.error())));
        }
        return items;
    }

    /** "type: reason", followed by the causes, which often hold the useful detail. */
    static String describe(ErrorCause error) {
        StringBuilder text = new StringBuilder();
        for (ErrorCause cause = error; cause != null; cause = cause.causedBy()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(cause.type()).append(": ").append(cause.reason());
        }
        return text.toString();
    }
}
