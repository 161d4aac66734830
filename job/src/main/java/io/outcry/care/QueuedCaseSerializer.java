package io.outcry.care;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The care queue's waiting cases, in the bytes Flink's {@code PojoSerializer} writes for a
 * {@link QueuedCase} (a flag byte, then each component in the order of its name, each after a
 * null flag), written by hand: the Pojo serializer reads each component by reflection and writes
 * a string a character at a time, and the queue keeps up to an hour of a brand's questions,
 * written whole at every checkpoint. As the bytes are the same, a checkpoint written with the
 * Pojo serializer restores with this one as it is (QueuedCaseSerializerTest).
 */
public final class QueuedCaseSerializer extends TypeSerializerSingleton<QueuedCase> {

    private static final long serialVersionUID = 1L;
    public static final QueuedCaseSerializer INSTANCE = new QueuedCaseSerializer();

    /** PojoSerializer's flags: the value is null, or of the type itself (no subclass). */
    private static final int IS_NULL = 1;
    private static final int NO_SUBCLASS = 2;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public QueuedCase createInstance() {
        return null;
    }

    @Override
    public QueuedCase copy(QueuedCase from) {
        return from;
    }

    @Override
    public QueuedCase copy(QueuedCase from, QueuedCase reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(QueuedCase q, DataOutputView out) throws IOException {
        if (q == null) {
            out.writeByte(IS_NULL);
            return;
        }
        out.writeByte(NO_SUBCLASS);
        writeString(q.author(), out);
        writeString(q.caseId(), out);
        writeLong(q.openedAt(), out);
        writeString(q.permalink(), out);
        writeString(q.region(), out);
        writeLong(q.slaDeadline(), out);
        writeString(q.topic(), out);
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeBoolean(true);
            return;
        }
        out.writeBoolean(false);
        if (!IdSerializer.writeAscii(s, out)) {
            StringValue.writeString(s, out);
        }
    }

    private static void writeLong(long value, DataOutputView out) throws IOException {
        out.writeBoolean(false);
        out.writeLong(value);
    }

    @Override
    public QueuedCase deserialize(DataInputView in) throws IOException {
        int flags = in.readByte();
        if ((flags & IS_NULL) != 0) {
            return null;
        }
        if (flags != NO_SUBCLASS) {
            throw new IOException("a queued case written as a subclass (flags " + flags + "): QueuedCase is a record, it has none");
        }
        String author = readString(in);
        String caseId = readString(in);
        long openedAt = readLong(in);
        String permalink = readString(in);
        String region = readString(in);
        long slaDeadline = readLong(in);
        String topic = readString(in);
        return new QueuedCase(caseId, openedAt, slaDeadline, author, permalink, topic, region);
    }

    private static String readString(DataInputView in) throws IOException {
        return in.readBoolean() ? null : StringValue.readString(in);
    }

    private static long readLong(DataInputView in) throws IOException {
        return in.readBoolean() ? 0 : in.readLong();
    }

    @Override
    public QueuedCase deserialize(QueuedCase reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<QueuedCase> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Flink's own serializer of the record, whose bytes these are. */
    static TypeSerializer<QueuedCase> pojoSerializer() {
        return TypeInformation.of(QueuedCase.class).createSerializer(new SerializerConfigImpl());
    }

    /**
     * What a checkpoint records of this serializer. It reads what the Pojo serializer wrote as
     * is, as long as the record's components are those the Pojo serializer wrote; after a change
     * of the record, state is read with the serializer that wrote it and written anew.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<QueuedCase> {

        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<QueuedCase> resolveSchemaCompatibility(TypeSerializerSnapshot<QueuedCase> old) {
            if (!(old instanceof PojoSerializerSnapshot)) {
                return super.resolveSchemaCompatibility(old);
            }
            TypeSerializerSchemaCompatibility<QueuedCase> asPojo = pojoSerializer().snapshotConfiguration().resolveSchemaCompatibility(old);
            if (asPojo.isCompatibleAsIs()) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return asPojo.isIncompatible() ? asPojo : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
