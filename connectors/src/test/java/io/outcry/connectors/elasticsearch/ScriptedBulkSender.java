package io.outcry.connectors.elasticsearch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers bulk requests from a script, one step per request, and records what was sent. */
final class ScriptedBulkSender implements BulkSender {

    @FunctionalInterface
    interface Step {
        List<ItemResponse> answer(List<ElasticsearchDocument> documents) throws BulkRequestException;
    }

    static final Step ALL_INDEXED = documents -> documents.stream().map(d -> ItemResponse.indexed(201)).toList();

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<List<ElasticsearchDocument>> requests = new ArrayList<>();

    ScriptedBulkSender then(Step step) {
        steps.add(step);
        return this;
    }

    /** Answers every document of the next request with this status, in order of the given ids. */
    ScriptedBulkSender thenStatuses(int... statuses) {
        return then(documents -> {
            List<ItemResponse> responses = new ArrayList<>();
            for (int status : statuses) {
                responses.add(status < 300 ? ItemResponse.indexed(status)
                        : new ItemResponse(status, "test_exception: status " + status));
            }
            return responses;
        });
    }

    ScriptedBulkSender thenFail(String message, boolean retryable) {
        return then(documents -> {
            throw new BulkRequestException(message, retryable, null);
        });
    }

    @Override
    public List<ItemResponse> send(List<ElasticsearchDocument> documents) throws BulkRequestException {
        requests.add(List.copyOf(documents));
        Step step = steps.isEmpty() ? ALL_INDEXED : steps.poll();
        return step.answer(documents);
    }

    List<List<ElasticsearchDocument>> requests() {
        return requests;
    }

    List<String> idsOfRequest(int index) {
        return requests.get(index).stream().map(ElasticsearchDocument::id).toList();
    }
}
