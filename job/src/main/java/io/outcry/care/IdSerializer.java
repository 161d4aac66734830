package io.outcry.care;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A post or case id in the case tracker's state, in {@link StringSerializer}'s bytes but handed
 * to the checkpoint's stream in one call: Flink's writes a character at a time, each a
 * synchronised call on the heap backend's snapshot stream, and the tracker keeps every case's
 * ids for the TTL, so its checkpoints were mostly those calls. A checkpoint written with
 * {@link StringSerializer} restores with this one.
 */
public final class IdSerializer extends TypeSerializerSingleton<String> {

    private static final long serialVersionUID = 1L;
    public static final IdSerializer INSTANCE = new IdSerializer();
    private static final ThreadLocal<DataOutputSerializer> BUFFER = ThreadLocal.withInitial(() -> new DataOutputSerializer(64));

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String id, DataOutputView out) throws IOException {
        if (id != null && id.length() < 127 && isAscii(id)) {
            // StringValue's bytes for it: the length plus one, then a byte per character
            byte[] bytes = new byte[id.length() + 1];
            bytes[0] = (byte) (id.length() + 1);
            for (int i = 0; i < id.length(); i++) {
                bytes[i + 1] = (byte) id.charAt(i);
            }
            out.write(bytes);
            return;
        }
        DataOutputSerializer buffer = BUFFER.get();
        buffer.clear();
        StringValue.writeString(id, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    private static boolean isAscii(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    @Override
    public String deserialize(String reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        StringValue.copyString(in, out);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records of this serialiser; it reads what {@link StringSerializer} wrote, as is. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {

        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(TypeSerializerSnapshot<String> old) {
            return old instanceof StringSerializer.StringSerializerSnapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : super.resolveSchemaCompatibility(old);
        }
    }
}
