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
    private static final ThreadLocal<byte[]> ASCII = ThreadLocal.withInitial(() -> new byte[128]);

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
        if (writeAscii(id, out)) {
            return;
        }
        DataOutputSerializer buffer = BUFFER.get();
        buffer.clear();
        StringValue.writeString(id, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    /**
     * Writes StringValue's bytes for a string of plain ASCII shorter than 127 characters (the
     * length plus one, then a byte per character) in one call, checking each character in the
     * same pass, and says true; writes nothing for any other string, which StringValue writes with
     * longer lengths or characters, and says false. The bytes are put together in a buffer of the
     * thread's: a checkpoint writes every id the tracker keeps.
     */
    static boolean writeAscii(String s, DataOutputView out) throws IOException {
        if (s == null || s.length() >= 127) {
            return false;
        }
        int n = s.length();
        byte[] bytes = ASCII.get();
        bytes[0] = (byte) (n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            bytes[i + 1] = (byte) c;
        }
        out.write(bytes, 0, n + 1);
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
