package io.outcry.care;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The case tracker's remembered cases, written field by field. A brand's cases are one map
 * in its state, which the heap backend serialises whole at every checkpoint and copies whole
 * on the first change while a checkpoint is written: as an immutable type a case is shared
 * instead of deep-copied, and written without the reflection of Flink's record serialiser.
 * The layout is {@link CareCase}'s components in order: a component added there needs a
 * serialiser snapshot here that reads the old layout, or checkpoints would not restore
 * (CaseStateSerializerTest fails until then).
 */
public final class CaseStateSerializer extends TypeSerializerSingleton<CaseState> {

    private static final long serialVersionUID = 1L;
    public static final CaseStateSerializer INSTANCE = new CaseStateSerializer();
    private static final ThreadLocal<DataOutputSerializer> BUFFER = ThreadLocal.withInitial(() -> new DataOutputSerializer(256));

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public CaseState createInstance() {
        return null;
    }

    @Override
    public CaseState copy(CaseState from) {
        return from;
    }

    @Override
    public CaseState copy(CaseState from, CaseState reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CaseState state, DataOutputView out) throws IOException {
        // A checkpoint's stream takes bytes one synchronised call at a time: one call per case instead.
        DataOutputSerializer buffer = BUFFER.get();
        buffer.clear();
        write(state, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    private static void write(CaseState state, DataOutputView out) throws IOException {
        CareCase c = state.current();
        StringValue.writeString(c.brand(), out);
        StringValue.writeString(c.caseId(), out);
        StringValue.writeString(c.event(), out);
        out.writeInt(c.sequence());
        out.writeLong(c.eventTime());
        StringValue.writeString(c.customer(), out);
        out.writeLong(c.openedAt());
        StringValue.writeString(c.topic(), out);
        StringValue.writeString(c.region(), out);
        StringValue.writeString(c.lang(), out);
        StringValue.writeString(c.intent(), out);
        out.writeLong(c.firstResponseAt());
        out.writeLong(c.responseSeconds());
        out.writeLong(c.slaDeadline());
        StringValue.writeString(c.status(), out);
        out.writeBoolean(c.answeredAfterSla());
        out.writeInt(c.replies());
        out.writeInt(c.posts());
        out.writeBoolean(c.canned());
        out.writeBoolean(c.incident());
        StringValue.writeString(c.alertId(), out);
        out.writeInt(state.postIds().size());
        for (String id : state.postIds()) {
            StringValue.writeString(id, out);
        }
    }

    @Override
    public CaseState deserialize(DataInputView in) throws IOException {
        CareCase c = new CareCase(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                in.readInt(), in.readLong(), StringValue.readString(in), in.readLong(), StringValue.readString(in),
                StringValue.readString(in), StringValue.readString(in), StringValue.readString(in), in.readLong(),
                in.readLong(), in.readLong(), StringValue.readString(in), in.readBoolean(), in.readInt(), in.readInt(),
                in.readBoolean(), in.readBoolean(), StringValue.readString(in));
        int size = in.readInt();
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(StringValue.readString(in));
        }
        return new CaseState(c, Collections.unmodifiableList(ids));
    }

    @Override
    public CaseState deserialize(CaseState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<CaseState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serialiser, so a restore finds it again. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CaseState> {

        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
