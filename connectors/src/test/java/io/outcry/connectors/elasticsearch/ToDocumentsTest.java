package io.outcry.connectors.elasticsearch;

import static io.outcry.connectors.elasticsearch.Documents.document;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A stream that had a sink of its own and now sends documents to a shared one: the documents its
 * own sink held in a savepoint are not lost on the way.
 */
class ToDocumentsTest {

    private static final DocumentMapper<String> MAPPER = id -> document(id);

    /** What a sink of this stream alone saved while Elasticsearch refused writes: documents it had not sent. */
    private static OperatorSubtaskState savepointOfAFormerSinkHolding(String... ids) throws Exception {
        ElasticsearchSink<String> formerSink = ElasticsearchSink.<String>builder()
                .hosts("http://127.0.0.1:9")
                .documentMapper(MAPPER)
                .rejectedDocumentHandler(CollectingRejectedHandler::new)
                .build();
        try (OneInputStreamOperatorTestHarness<String, ?> harness =
                new OneInputStreamOperatorTestHarness<>(new SinkWriterOperatorFactory<>(formerSink))) {
            harness.open();
            for (String id : ids) {
                harness.processElement(id, 0);
            }
            return harness.snapshot(1, 1);
        }
    }

    private static OneInputStreamOperatorTestHarness<String, ElasticsearchDocument> restored(OperatorSubtaskState state)
            throws Exception {
        OneInputStreamOperatorTestHarness<String, ElasticsearchDocument> harness =
                new OneInputStreamOperatorTestHarness<>(new ToDocuments<>(MAPPER));
        harness.initializeState(state);
        harness.open();
        return harness;
    }

    private static List<String> ids(OneInputStreamOperatorTestHarness<String, ElasticsearchDocument> harness) {
        return harness.extractOutputValues().stream().map(ElasticsearchDocument::id).toList();
    }

    @Test
    void mapsEachElementToItsDocument() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<String, ElasticsearchDocument>(new ToDocuments<>(MAPPER))) {
            harness.open();

            harness.processElement("a", 0);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(sent -> assertThat(sent.source()).isEqualTo(document("a").source()));
        }
    }

    @Test
    void handsOnWhatTheFormerSinkHeldBeforeItsOwnDocuments() throws Exception {
        try (var harness = restored(savepointOfAFormerSinkHolding("a", "b"))) {

            harness.processElement("c", 0);

            assertThat(ids(harness)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void handsOnWhatTheFormerSinkHeldWithoutWaitingForAnElement() throws Exception {
        try (var harness = restored(savepointOfAFormerSinkHolding("a"))) {

            harness.setProcessingTime(harness.getProcessingTime() + 1);

            assertThat(ids(harness)).containsExactly("a");
        }
    }

    @Test
    void keepsWhatTheFormerSinkHeldUntilItIsHandedOnAndThenForgetsIt() throws Exception {
        OperatorSubtaskState beforeHandingOn;
        try (var harness = restored(savepointOfAFormerSinkHolding("a"))) {
            beforeHandingOn = harness.snapshot(2, 2);
        }
        OperatorSubtaskState afterHandingOn;
        try (var harness = restored(beforeHandingOn)) {
            harness.processElement("b", 0);
            assertThat(ids(harness)).containsExactly("a", "b");
            afterHandingOn = harness.snapshot(3, 3);
        }

        try (var harness = restored(afterHandingOn)) {
            harness.setProcessingTime(harness.getProcessingTime() + 1);
            harness.endInput();

            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }
}
