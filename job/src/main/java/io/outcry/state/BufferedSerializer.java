package io.outcry.state;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Another serializer's bytes, handed to the stream in one call. The heap state backend writes a
 * checkpoint through a {@code DataOutputStream}, whose every write is a synchronised call: Flink's
 * own serializers write a string a character at a time, so a state of many small records spent
 * most of its checkpoints in those calls (a third of the job's CPU on the bench, 2026-12-07). The
 * bytes are the wrapped serializer's, so a checkpoint written by either restores with the other.
 *
 * <p>Stateful (its buffer): {@link #duplicate()} gives each thread its own, as Flink asks.
 */
public final class BufferedSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;
    /** A buffer grown past this by one large value is let go rather than kept for the job's life. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private final TypeSerializer<T> inner;
    private transient DataOutputSerializer buffer;

    public BufferedSerializer(TypeSerializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "serializer");
    }

    TypeSerializer<T> inner() {
        return inner;
    }

    @Override
    public void serialize(T record, DataOutputView out) throws IOException {
        if (buffer == null || buffer.getSharedBuffer().length > KEPT_BUFFER_BYTES) {
            buffer = new DataOutputSerializer(256);
        }
        buffer.clear();
        inner.serialize(record, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        return inner.deserialize(in);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return inner.deserialize(reuse, in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        inner.copy(in, out);
    }

    @Override
    public boolean isImmutableType() {
        return inner.isImmutableType();
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new BufferedSerializer<>(inner.duplicate());
    }

    @Override
    public T createInstance() {
        return inner.createInstance();
    }

    @Override
    public T copy(T from) {
        return inner.copy(from);
    }

    @Override
    public T copy(T from, T reuse) {
        return inner.copy(from, reuse);
    }

    @Override
    public int getLength() {
        return inner.getLength();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferedSerializer<?> that && inner.equals(that.inner);
    }

    @Override
    public int hashCode() {
        return inner.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /**
     * What a checkpoint records: the wrapped serializer's snapshot. A checkpoint written by the
     * wrapped serializer alone holds the same bytes, so its snapshot resolves as the wrapped one's would.
     */
    public static final class Snapshot<T> extends CompositeTypeSerializerSnapshot<T, BufferedSerializer<T>> {

        public Snapshot() {}

        Snapshot(BufferedSerializer<T> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(BufferedSerializer<T> outer) {
            return new TypeSerializer<?>[] {outer.inner()};
        }

        @Override
        @SuppressWarnings("unchecked") // the one nested serializer is the wrapped one, of T
        protected BufferedSerializer<T> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new BufferedSerializer<>((TypeSerializer<T>) nested[0]);
        }

        @Override
        @SuppressWarnings("unchecked") // the one nested snapshot is the wrapped serializer's, of T
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof Snapshot) {
                return super.resolveSchemaCompatibility(old);
            }
            TypeSerializerSchemaCompatibility<T> unbuffered =
                    ((TypeSerializerSnapshot<T>) getNestedSerializerSnapshots()[0]).resolveSchemaCompatibility(old);
            return unbuffered.isCompatibleWithReconfiguredSerializer()
                    ? TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                            new BufferedSerializer<>(unbuffered.getReconfiguredSerializer()))
                    : unbuffered;
        }
    }
}
