package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.outcry.connectors.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkWriterTest {

    /** Two documents per request, a flush every second, four documents held at most (sent at two). */
    private static final BulkLimits SMALL = new BulkLimits(2, Long.MAX_VALUE, Duration.ofSeconds(1), 4, Long.MAX_VALUE);
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final String FORBIDDEN = "security_exception: action [indices:data/write/bulk[s]] is unauthorized"
            + " for user [outcry] with effective roles [viewer] on indices [test-index], this action is granted by"
            + " the index privileges [create_doc,create,delete,index,write,all]";

    private final ScriptedBulkSender sender = new ScriptedBulkSender();
    private final CollectingRejectedHandler rejected = new CollectingRejectedHandler();
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final QueueMailbox mailbox = new QueueMailbox();
    private final BulkMetrics metrics = new BulkMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    private boolean clientClosed;

    private ElasticsearchSinkWriter<ElasticsearchDocument> writer(BulkLimits limits) {
        return writer(limits, List.of());
    }

    private ElasticsearchSinkWriter<ElasticsearchDocument> writer(
            BulkLimits limits, Collection<List<ElasticsearchDocument>> restored) {
        if (time.getCurrentProcessingTime() < 0) {
            setTime(0);
        }
        return new ElasticsearchSinkWriter<>(document -> document, limits, RETRY, sender, rejected, metrics, mailbox,
                time, () -> clientClosed = true, restored);
    }

    private void advance(long millis) {
        setTime(time.getCurrentProcessingTime() + millis);
        mailbox.runAll();
    }

    private void setTime(long millis) {
        try {
            time.setCurrentTime(millis);
        } catch (Exception e) {
            throw new IllegalStateException("a timer failed", e);
        }
    }

    @Test
    void sendsTheBufferAsSoonAsItHoldsHalfItsDocuments() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);

        writer.write(document("a"), null);
        assertThat(sender.requests()).isEmpty();
        writer.write(document("b"), null);
        writer.write(document("c"), null);

        assertThat(sender.requests()).hasSize(1);
        assertThat(sender.idsOfRequest(0)).containsExactly("a", "b");
    }

    @Test
    void sendsTheBufferAsSoonAsItHoldsHalfItsBytes() throws Exception {
        long twoDocuments = document("a").estimatedBytes() + document("b").estimatedBytes();
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(
                new BulkLimits(1000, Long.MAX_VALUE, Duration.ofHours(1), 1000, 2 * twoDocuments));

        writer.write(document("a"), null);
        writer.write(document("b"), null);

        assertThat(sender.idsOfRequest(0)).containsExactly("a", "b");
    }

    @Test
    void sendsWhatIsBufferedEachTimeTheFlushIntervalElapses() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);

        writer.write(document("a"), null);
        advance(999);
        assertThat(sender.requests()).isEmpty();
        advance(1);
        assertThat(sender.idsOfRequest(0)).containsExactly("a");

        writer.write(document("b"), null);
        advance(1000);
        assertThat(sender.requests()).hasSize(2);
        assertThat(sender.idsOfRequest(1)).containsExactly("b");
        assertThat(metrics.documentsIndexed()).isEqualTo(2);
    }

    @Test
    void sendsADocumentChangedManyTimesBetweenTwoFlushesOnceWithItsLastVersion() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);

        for (int version = 1; version <= 5; version++) {
            writer.write(document("a", version), null);
        }
        advance(1000);

        assertThat(sender.requests()).singleElement().satisfies(request -> assertThat(request).singleElement()
                .satisfies(sent -> assertThat(sent.source()).isEqualTo(document("a", 5).source())));
    }

    @Test
    void documentsWrittenWhileTheBufferIsSentWaitForTheNextFlush() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> first = sender.thenHold();
        writer.write(document("a"), null);
        writer.write(document("b"), null);

        writer.write(document("c"), null);
        first.complete(List.of(ItemResponse.indexed(201), ItemResponse.indexed(201)));
        mailbox.runAll();
        assertThat(sender.requests()).as("c, written after the drain began").hasSize(1);

        advance(1000);
        assertThat(sender.idsOfRequest(1)).containsExactly("c");
    }

    @Test
    void sendsNothingWhenTheIntervalElapsesOnAnEmptyBuffer() throws Exception {
        writer(SMALL);

        advance(5000);

        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void keepsOneRequestInFlightAndHoldsTheRestMeanwhile() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> first = sender.thenHold();

        for (String id : List.of("a", "b", "c", "d")) {
            writer.write(document(id), null);
        }
        advance(1000);
        assertThat(sender.requests()).as("a second request while the first is in flight").hasSize(1);

        first.complete(List.of(ItemResponse.indexed(201), ItemResponse.indexed(201)));
        mailbox.runAll();

        assertThat(sender.idsOfRequest(1)).containsExactly("c", "d");
    }

    @Test
    void beforeACheckpointWhileElasticsearchTakesDocumentsSendsAllItHoldsSoTheStateCarriesNone() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> inFlight = sender.thenHold();
        writer.write(document("a"), null);
        writer.write(document("b"), null);
        writer.write(document("c"), null);
        mailbox.whenIdle(() -> inFlight.complete(List.of(ItemResponse.indexed(201), ItemResponse.indexed(201))));

        writer.flush(false);

        assertThat(mailbox.idleYields).as("flush waited for the answer").isEqualTo(1);
        assertThat(sender.requests()).as("the request in flight, then what was buffered").hasSize(2);
        assertThat(sender.idsOfRequest(1)).containsExactly("c");
        assertThat(metrics.documentsIndexed()).isEqualTo(3);
        assertThat(writer.snapshotState(1)).singleElement().satisfies(unsent -> assertThat(unsent).isEmpty());
        assertThat(rejected.flushes).isEqualTo(1);
    }

    @Test
    void beforeACheckpointDuringAnOutageWaitsForTheRequestInFlightOnlyAndKeepsTheRestInItsState() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> inFlight = sender.thenHold();
        writer.write(document("a"), null);
        writer.write(document("b"), null);
        writer.write(document("c"), null);
        mailbox.whenIdle(() -> inFlight.complete(List.of(new ItemResponse(503, "unavailable"), ItemResponse.indexed(201))));

        writer.flush(false);

        assertThat(sender.requests()).as("nothing sent after the failed request").hasSize(1);
        assertThat(writer.snapshotState(1)).singleElement().satisfies(unsent ->
                assertThat(unsent).extracting(ElasticsearchDocument::id).containsExactlyInAnyOrder("a", "c"));
    }

    @Test
    void aCheckpointDuringAnOutageCompletesAndARestoredWriterSendsTheUnsentDocuments() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenFail("Connection refused", BulkRequestException.NO_ANSWER);
        writer.write(document("a"), null);
        writer.write(document("b"), null);
        mailbox.runAll();
        writer.write(document("c"), null);

        writer.flush(false);
        List<List<ElasticsearchDocument>> state = writer.snapshotState(1);
        BufferedDocumentsSerializer serializer = new BufferedDocumentsSerializer();
        List<ElasticsearchDocument> restoredState =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state.get(0)));
        writer.close();

        assertThat(restoredState).extracting(ElasticsearchDocument::id).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(restoredState.get(0).source()).isEqualTo(document(restoredState.get(0).id()).source());
        assertThat(metrics.documentsIndexed()).isZero();

        int sentBefore = sender.requests().size();
        writer(SMALL, List.of(restoredState));
        advance(1000);
        mailbox.runAll();
        advance(1000);

        List<String> resent = new ArrayList<>();
        for (int i = sentBefore; i < sender.requests().size(); i++) {
            resent.addAll(sender.idsOfRequest(i));
        }
        assertThat(resent).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(metrics.documentsIndexed()).isEqualTo(3);
    }

    @Test
    void blocksTheInputWhenTheBufferIsFullUntilARequestMakesRoom() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> inFlight = sender.thenHold();
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            writer.write(document(id), null);
        }
        List<Integer> bufferedWhenBlocked = new ArrayList<>();
        mailbox.whenIdle(() -> {
            bufferedWhenBlocked.add(sender.requests().size());
            inFlight.complete(List.of(ItemResponse.indexed(201), ItemResponse.indexed(201)));
        });

        writer.write(document("g"), null);

        assertThat(mailbox.idleYields).as("write blocked once, on a full buffer").isEqualTo(1);
        assertThat(bufferedWhenBlocked).as("requests sent while blocked").containsExactly(1);
        assertThat(sender.idsOfRequest(1)).containsExactly("c", "d");
    }

    @Test
    void resendsDocumentsAnsweredTooManyRequestsAfterABackoffThatGrows() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenStatuses(201, 429).thenStatuses(429);

        writer.write(document("a"), null);
        writer.write(document("b"), null);
        mailbox.runAll();
        advance(99);
        assertThat(sender.requests()).as("within the first backoff of 100 ms").hasSize(1);
        advance(1);
        assertThat(sender.idsOfRequest(1)).containsExactly("b");
        advance(199);
        assertThat(sender.requests()).as("within the second backoff of 200 ms").hasSize(2);
        advance(1);

        assertThat(sender.idsOfRequest(2)).containsExactly("b");
        assertThat(metrics.documentsIndexed()).isEqualTo(2);
        assertThat(metrics.bulkRetries()).isEqualTo(2);
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void waitsOutAnOutageOfAnyLengthWithoutFailingOrDeadLettering() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        for (int i = 0; i < 100; i++) {
            sender.thenFail(i % 2 == 0 ? "Connection refused" : "Elasticsearch answered HTTP 503",
                    i % 2 == 0 ? BulkRequestException.NO_ANSWER : 503);
        }
        writer.write(document("a"), null);
        writer.write(document("b"), null);
        mailbox.runAll();

        for (int second = 0; second < 600; second++) {
            advance(1000);
        }

        assertThat(sender.requests()).hasSizeGreaterThan(100);
        assertThat(metrics.documentsIndexed()).isEqualTo(2);
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void anOlderVersionWhoseRequestFailedNeverOverwritesTheNewerOneWrittenMeanwhile() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        CompletableFuture<List<ItemResponse>> inFlight = sender.thenHold();
        writer.write(document("a", 1), null);
        writer.write(document("b", 1), null);
        writer.write(document("a", 2), null);

        inFlight.complete(List.of(new ItemResponse(429, "es_rejected_execution_exception"), ItemResponse.indexed(201)));
        mailbox.runAll();
        advance(1000);

        assertThat(sender.requests()).hasSize(2);
        assertThat(sender.requests().get(1)).singleElement()
                .satisfies(resent -> assertThat(resent.source()).isEqualTo(document("a", 2).source()));
    }

    @Test
    void aNewerVersionReplacesTheWaitingOneSoAnOutageHoldsOnlyTheLatest() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);

        writer.write(document("a", 1), null);
        writer.write(document("a", 2), null);
        writer.write(document("a", 3), null);
        advance(1000);

        assertThat(sender.requests()).singleElement().satisfies(request ->
                assertThat(request).singleElement().satisfies(d -> assertThat(d.source()).isEqualTo(document("a", 3).source())));
    }

    @Test
    void deadLettersADocumentRefusedForGoodAndIndexesTheRest() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenItems(new int[] {201, 400}, "document_parsing_exception: failed to parse field [location] of type"
                + " [geo_point]; caused by illegal_argument_exception: illegal latitude value [999.0]");
        ElasticsearchDocument refused = document("b");

        writer.write(document("a"), null);
        writer.write(refused, null);
        mailbox.runAll();

        assertThat(metrics.documentsIndexed()).isEqualTo(1);
        assertThat(metrics.documentsRejected()).isEqualTo(1);
        DeadLetter deadLetter = rejected.deadLetters.get(0);
        assertThat(deadLetter.stage()).isEqualTo(DeadLetter.STAGE_INDEX);
        assertThat(deadLetter.reason())
                .contains("'b'", "'test-index'", "HTTP 400", "document_parsing_exception", "illegal latitude value");
        assertThat(deadLetter.payload()).isEqualTo(refused.source());
        assertThat(deadLetter.key()).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.timestamp()).isEqualTo(refused.eventTimestamp());
        assertThat(deadLetter.offset()).isEqualTo(-1);
    }

    @Test
    void aMissingPrivilegeStopsTheJobWithoutRestartsAndWithOneLineNamingTheIndexAndThePrivilege() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenItems(new int[] {403, 403}, FORBIDDEN);
        writer.write(document("a"), null);
        writer.write(document("b"), null);

        assertThatThrownBy(mailbox::runAll)
                .hasRootCauseInstanceOf(WriteDeniedException.class)
                .rootCause()
                .hasMessageContaining("lacks the index privilege 'index' (or 'write') on 'test-index'")
                .hasMessageContaining("HTTP 403")
                .hasMessageNotContaining("\n");
        assertThat(rejected.deadLetters).as("no document by document dead letters").isEmpty();
    }

    @Test
    void aMissingIndexOrAliasStopsTheJobWithoutRestarts() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenItems(new int[] {201, 404}, "index_not_found_exception: no such index [test-index] and [require_alias]"
                + " request flag is [true] and [test-index] is not an alias");
        writer.write(document("a"), null);
        writer.write(document("b"), null);

        Throwable stop = catchThrowable(mailbox::runAll);

        assertThat(stop).hasCauseInstanceOf(SuppressRestartsException.class);
        assertThat(stop).rootCause().hasMessageStartingWith("Index or alias 'test-index' does not exist");
        assertThat(rejected.deadLetters).isEmpty();
    }

    @Test
    void badCredentialsOnTheWholeRequestStopTheJobWithoutRestarts() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenFail("Elasticsearch answered HTTP 401: security_exception: missing authentication credentials", 401);
        writer.write(document("a"), null);
        writer.write(document("b"), null);

        assertThatThrownBy(mailbox::runAll)
                .hasCauseInstanceOf(SuppressRestartsException.class)
                .rootCause().hasMessageContaining("refused the sink's credentials writing to index 'test-index'");
        assertThat(sender.requests()).hasSize(1);
    }

    @Test
    void atTheEndOfTheInputSendsEverythingWaitingOutAnOutage() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        sender.thenFail("Connection refused", BulkRequestException.NO_ANSWER)
                .thenFail("Connection refused", BulkRequestException.NO_ANSWER);
        writer.write(document("a"), null);
        writer.write(document("b"), null);
        writer.write(document("c"), null);
        mailbox.whenIdle(() -> setTime(time.getCurrentProcessingTime() + 1000));

        writer.flush(true);

        assertThat(metrics.documentsIndexed()).isEqualTo(3);
        assertThat(writer.snapshotState(2)).singleElement().satisfies(unsent -> assertThat(unsent).isEmpty());
    }

    @Test
    void closeStopsTheTimerAndReleasesTheClientAndTheHandler() throws Exception {
        ElasticsearchSinkWriter<ElasticsearchDocument> writer = writer(SMALL);
        writer.write(document("a"), null);

        writer.close();
        advance(5000);

        assertThat(sender.requests()).isEmpty();
        assertThat(clientClosed).isTrue();
        assertThat(rejected.closed).isTrue();
    }

    @Test
    void refusesAMapperThatReturnsNull() {
        ElasticsearchSinkWriter<String> writer = new ElasticsearchSinkWriter<>(element -> null, SMALL, RETRY, sender,
                rejected, metrics, mailbox, time, () -> {}, List.of());

        assertThatThrownBy(() -> writer.write("a", null)).hasMessageContaining("returned null");
    }
}
