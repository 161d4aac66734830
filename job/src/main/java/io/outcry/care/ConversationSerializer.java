package io.outcry.care;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link Conversation} in a checkpoint: its cases in the order they opened, each
 * as {@link CaseStateSerializer} writes it. A new layout of the cases needs a snapshot here that
 * reads the old one, as {@link CaseStateSerializer.Snapshot} does.
 */
public final class ConversationSerializer extends TypeSerializerSingleton<Conversation> {

    private static final long serialVersionUID = 1L;
    public static final ConversationSerializer INSTANCE = new ConversationSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Conversation createInstance() {
        return new Conversation(List.of());
    }

    @Override
    public Conversation copy(Conversation from) {
        return from.copy();
    }

    @Override
    public Conversation copy(Conversation from, Conversation reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Conversation conversation, DataOutputView out) throws IOException {
        out.writeInt(conversation.size());
        for (CaseState state : conversation.cases()) {
            CaseStateSerializer.INSTANCE.serialize(state, out);
        }
    }

    @Override
    public Conversation deserialize(DataInputView in) throws IOException {
        int size = in.readInt();
        List<CaseState> cases = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            cases.add(CaseStateSerializer.INSTANCE.deserialize(in));
        }
        return new Conversation(cases);
    }

    @Override
    public Conversation deserialize(Conversation reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Conversation> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Conversation> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
