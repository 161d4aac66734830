package io.outcry.connectors.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Maps one stream to the documents of a sink shared with other streams ({@link ElasticsearchSink#withMapper}).
 *
 * <p>Given the uid a sink of this stream alone had in an earlier version of the job, it also
 * takes over that sink writer's state from a savepoint: the documents it had not sent yet (only
 * a savepoint taken while Elasticsearch refused writes holds any). It hands them on first, before
 * its own documents, so that a newer version of a document still wins, and then forgets them.
 */
public final class ToDocuments<T> extends AbstractStreamOperator<ElasticsearchDocument>
        implements OneInputStreamOperator<T, ElasticsearchDocument>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    // The name and layout under which Flink's sink writer operator keeps a stateful writer's state.
    private static final ListStateDescriptor<byte[]> WRITER_STATE =
            new ListStateDescriptor<>("writer_raw_states", BytePrimitiveArraySerializer.INSTANCE);

    private final DocumentMapper<T> mapper;
    private transient ListState<byte[]> earlierWriterState;
    private transient List<ElasticsearchDocument> unsent;

    public ToDocuments(DocumentMapper<T> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        earlierWriterState = context.getOperatorStateStore().getListState(WRITER_STATE);
        unsent = new ArrayList<>();
        BufferedDocumentsSerializer serializer = new BufferedDocumentsSerializer();
        for (byte[] state : earlierWriterState.get()) {
            unsent.addAll(SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, state));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (!unsent.isEmpty()) {
            // Without waiting for an element, which may not come to this subtask for long.
            getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime(),
                    time -> handOnUnsent());
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        handOnUnsent();
        output.collect(element.replace(mapper.map(element.getValue())));
    }

    @Override
    public void endInput() {
        handOnUnsent();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (unsent.isEmpty()) {
            earlierWriterState.clear();
        }
    }

    private void handOnUnsent() {
        if (unsent.isEmpty()) {
            return;
        }
        unsent.forEach(document -> output.collect(new StreamRecord<>(document)));
        unsent.clear();
    }
}
