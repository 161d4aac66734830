package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.elasticsearch.client.ResponseException;

/**
 * Sends documents as {@code index} operations with their own id: a document that exists is
 * replaced whole, which is what makes replays idempotent. Deletions go as {@code delete}
 * operations; one that finds nothing to delete has done its work. The source bytes go out unparsed.
 * The request runs on the client's I/O threads; the returned future completes there.
 */
final class ElasticsearchBulkSender implements BulkSender {

    private final ElasticsearchAsyncClient client;

    ElasticsearchBulkSender(ElasticsearchAsyncClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<List<ItemResponse>> send(List<ElasticsearchDocument> documents) {
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (ElasticsearchDocument document : documents) {
            if (document.isDeletion()) {
                operations.add(BulkOperation.of(op -> op.delete(delete -> delete.index(document.index()).id(document.id()))));
                continue;
            }
            BinaryData source = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
            operations.add(BulkOperation.of(op -> op.index(
                    index -> index.index(document.index()).id(document.id()).document(source))));
        }
        CompletableFuture<BulkResponse> response;
        try {
            response = client.bulk(request -> request.operations(operations));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(requestFailure(e));
        }
        return response.handle((answer, failure) -> {
            if (failure != null) {
                throw new CompletionException(requestFailure(failure));
            }
            List<ItemResponse> items = new ArrayList<>(answer.items().size());
            for (int i = 0; i < answer.items().size(); i++) {
                BulkResponseItem item = answer.items().get(i);
                // A missing document, or a daily index that was never made or is gone, leaves nothing to delete.
                items.add(item.status() == 404 && documents.get(i).isDeletion() ? ItemResponse.indexed(200)
                        : new ItemResponse(item.status(), item.error() == null ? null : describe(item.error())));
            }
            return items;
        });
    }

    /**
     * The failure with the HTTP status Elasticsearch answered, or {@link BulkRequestException#NO_ANSWER}.
     * The asynchronous transport hands an error status over as the low-level client's
     * {@link ResponseException}, the synchronous one as an {@link ElasticsearchException}: both count.
     */
    private static BulkRequestException requestFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int status = cause instanceof ElasticsearchException e ? e.status()
                    : cause instanceof TransportException e ? e.statusCode()
                    : cause instanceof ResponseException e ? e.getResponse().getStatusLine().getStatusCode()
                    : BulkRequestException.NO_ANSWER;
            if (status > 0) {
                return new BulkRequestException("Elasticsearch answered HTTP " + status + ": " + cause.getMessage(),
                        status, cause);
            }
        }
        Throwable root = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new BulkRequestException("cannot reach Elasticsearch: " + root, BulkRequestException.NO_ANSWER, root);
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
