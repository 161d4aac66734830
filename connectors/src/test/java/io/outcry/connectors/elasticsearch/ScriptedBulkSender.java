package io.outcry.connectors.elasticsearch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Answers bulk requests from a script, one step per request, and records what was sent. */
final class ScriptedBulkSender implements BulkSender {

    @FunctionalInterface
    interface Step {
        CompletableFuture<List<ItemResponse>> answer(List<ElasticsearchDocument> documents);
    }

    static final Step ALL_INDEXED = documents ->
            CompletableFuture.completedFuture(documents.stream().map(d -> ItemResponse.indexed(201)).toList());

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<List<ElasticsearchDocument>> requests = new ArrayList<>();

    ScriptedBulkSender then(Step step) {
        steps.add(step);
        return this;
    }

    /** Answers the documents of the next request with these statuses, in order. */
    ScriptedBulkSender thenStatuses(int... statuses) {
        return thenItems(statuses, "test_exception: status");
    }

    /** Same, with this error for every status that is not a success. */
    ScriptedBulkSender thenItems(int[] statuses, String error) {
        return then(documents -> {
            List<ItemResponse> responses = new ArrayList<>();
            for (int status : statuses) {
                responses.add(status < 300 ? ItemResponse.indexed(status) : new ItemResponse(status, error));
            }
            return CompletableFuture.completedFuture(responses);
        });
    }

    /** Fails the next request as a whole, as a refused connection (status 0) or an HTTP answer. */
    ScriptedBulkSender thenFail(String message, int status) {
        return then(documents -> CompletableFuture.failedFuture(new BulkRequestException(message, status, null)));
    }

    /** Leaves the next request in flight until the test completes the returned future. */
    CompletableFuture<List<ItemResponse>> thenHold() {
        CompletableFuture<List<ItemResponse>> answer = new CompletableFuture<>();
        then(documents -> answer);
        return answer;
    }

    @Override
    public CompletableFuture<List<ItemResponse>> send(List<ElasticsearchDocument> documents) {
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
