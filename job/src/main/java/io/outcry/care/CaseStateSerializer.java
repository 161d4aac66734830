package io.outcry.care;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The case tracker's remembered cases, written field by field. The heap backend serialises
 * the state whole at every checkpoint and copies a conversation on its first change while a
 * checkpoint is written: as an immutable type a case is shared instead of deep-copied, and as a {@link CaseState} already holds its bytes, a checkpoint
 * writes them in one call.
 * The layout is {@link CareCase}'s components in order: a component added there needs a
 * layout here and a snapshot that reads the old one, or checkpoints would not restore
 * (CaseStateSerializerTest fails until then). Layout 1 ends at {@code alertId}; layout 2, the
 * current one, adds {@code permalink}.
 */
public final class CaseStateSerializer extends TypeSerializer<CaseState> {

    private static final long serialVersionUID = 2L;
    static final int CURRENT_LAYOUT = 2;
    public static final CaseStateSerializer INSTANCE = new CaseStateSerializer(CURRENT_LAYOUT);
    private static final ThreadLocal<DataOutputSerializer> BUFFER = ThreadLocal.withInitial(() -> new DataOutputSerializer(256));

    private final int layout;

    private CaseStateSerializer(int layout) {
        this.layout = layout;
    }

    /** The serializer that reads and writes {@code layout}: the current one, or an older one a checkpoint holds. */
    static CaseStateSerializer ofLayout(int layout) {
        return layout == CURRENT_LAYOUT ? INSTANCE : new CaseStateSerializer(layout);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<CaseState> duplicate() {
        return this;
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
        if (layout == CURRENT_LAYOUT) {
            out.write(state.bytes());
        } else {
            write(state.current(), state.postIds(), layout, out);
        }
    }

    /** A case and its thread in the current layout. */
    static byte[] encode(CareCase c, List<String> postIds) {
        DataOutputSerializer buffer = BUFFER.get();
        buffer.clear();
        try {
            write(c, postIds, CURRENT_LAYOUT, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("a case did not fit in memory", e);
        }
        return buffer.getCopyOfBuffer();
    }

    private static void write(CareCase c, List<String> postIds, int layout, DataOutputView out) throws IOException {
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
        if (layout >= 2) {
            StringValue.writeString(c.permalink(), out);
        }
        out.writeInt(postIds.size());
        for (String id : postIds) {
            StringValue.writeString(id, out);
        }
    }

    static CareCase decodeCase(byte[] bytes) {
        try {
            return new Bytes(bytes).readCase();
        } catch (IndexOutOfBoundsException e) {
            throw new UncheckedIOException("a case's bytes are cut short", new IOException(e));
        }
    }

    /*
     * What falls due of a case, and whether its thread holds a post, read past the rest without
     * making a string: the tracker asks these of every case of a conversation at each of its timers.
     */

    static long decodeOpenedAt(byte[] bytes) {
        return atOpenedAt(bytes).readLong();
    }

    static long decodeSlaDeadline(byte[] bytes) {
        return atSlaDeadline(bytes).readLong();
    }

    /** Whether it waits for its first answer within its SLA (status {@code open}). */
    static boolean decodeIsOpen(byte[] bytes) {
        Bytes in = atSlaDeadline(bytes);
        in.skip(8);
        return in.nextStringIs(CareCase.OPEN);
    }

    static boolean decodeHolds(byte[] bytes, String postId) {
        Bytes in = atSlaDeadline(bytes);
        in.skip(8);
        in.skipStrings(1); // status
        in.skip(1 + 4 + 4 + 1 + 1); // answeredAfterSla, replies, posts, canned, incident
        in.skipStrings(2); // alertId, permalink
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            if (in.nextStringIs(postId)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes read up to {@code openedAt}: past brand, caseId, event, sequence, eventTime and customer. */
    private static Bytes atOpenedAt(byte[] bytes) {
        Bytes in = new Bytes(bytes);
        in.skipStrings(3);
        in.skip(4 + 8);
        in.skipStrings(1);
        return in;
    }

    /** The bytes read up to {@code slaDeadline}: past openedAt, topic, region, lang, intent, firstResponseAt and responseSeconds. */
    private static Bytes atSlaDeadline(byte[] bytes) {
        Bytes in = atOpenedAt(bytes);
        in.skip(8);
        in.skipStrings(4);
        in.skip(8 + 8);
        return in;
    }

    /** The case's id alone: its second field, read without the rest. */
    static String decodeCaseId(byte[] bytes) {
        try {
            Bytes in = new Bytes(bytes);
            in.readString();
            return in.readString();
        } catch (IndexOutOfBoundsException e) {
            throw new UncheckedIOException("a case's bytes are cut short", new IOException(e));
        }
    }

    static List<String> decodePostIds(byte[] bytes) {
        try {
            Bytes in = new Bytes(bytes);
            in.readCase();
            int size = in.readInt();
            List<String> ids = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ids.add(in.readString());
            }
            return Collections.unmodifiableList(ids);
        } catch (IndexOutOfBoundsException e) {
            throw new UncheckedIOException("a case's bytes are cut short", new IOException(e));
        }
    }

    /**
     * A case's bytes in the current layout, read as {@link #readCase(DataInputView, int)} reads
     * them but straight from the array: the tracker decodes a case at every access, and
     * {@link StringValue#readString} reads a string a character at a time through a stream,
     * where a string of plain ASCII (nearly every one a case holds) is one copy here.
     */
    private static final class Bytes {

        private final byte[] bytes;
        private int position;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        CareCase readCase() {
            return new CareCase(readString(), readString(), readString(), readInt(), readLong(), readString(), readLong(),
                    readString(), readString(), readString(), readString(), readLong(), readLong(), readLong(), readString(),
                    readBoolean(), readInt(), readInt(), readBoolean(), readBoolean(), readString(), readString());
        }

        int readInt() {
            int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16 | (bytes[position + 2] & 0xff) << 8
                    | bytes[position + 3] & 0xff;
            position += 4;
            return value;
        }

        long readLong() {
            return (long) readInt() << 32 | readInt() & 0xffffffffL;
        }

        boolean readBoolean() {
            return bytes[position++] == 1;
        }

        /** StringValue's variable-length number: seven bits a byte, the lowest first, the high bit saying more follow. */
        private int readVariable() {
            int value = bytes[position++] & 0xff;
            if (value >= 0x80) {
                value &= 0x7f;
                int shift = 7;
                int next;
                while ((next = bytes[position++] & 0xff) >= 0x80) {
                    value |= (next & 0x7f) << shift;
                    shift += 7;
                }
                value |= next << shift;
            }
            return value;
        }

        void skip(int count) {
            position += count;
        }

        void skipStrings(int count) {
            for (int i = 0; i < count; i++) {
                int length = readVariable();
                if (length > 1 && !asciiFrom(position, length - 1)) {
                    for (int c = 0; c < length - 1; c++) {
                        readVariable();
                    }
                } else if (length > 1) {
                    position += length - 1;
                }
            }
        }

        /** Whether the next string is {@code expected} (not null), read past either way. */
        boolean nextStringIs(String expected) {
            int length = readVariable();
            if (length == 0) {
                return false;
            }
            length--;
            boolean same = length == expected.length();
            for (int i = 0; i < length; i++) {
                int c = bytes[position] >= 0 ? bytes[position++] : readVariable();
                same = same && c == expected.charAt(i);
            }
            return same;
        }

        /** Whether the {@code length} bytes from {@code from} are all below 0x80: one byte a character. */
        private boolean asciiFrom(int from, int length) {
            int end = from + length;
            if (end > bytes.length) {
                return false;
            }
            for (int i = from; i < end; i++) {
                if (bytes[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        String readString() {
            int length = readVariable();
            if (length == 0) {
                return null;
            }
            length--;
            int end = position + length;
            if (end <= bytes.length) {
                int i = position;
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    // every character below 0x80, so each is one byte
                    String ascii = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
                    position = end;
                    return ascii;
                }
            }
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) readVariable();
            }
            return new String(chars);
        }
    }

    private static CareCase readCase(DataInputView in, int layout) throws IOException {
        return new CareCase(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                in.readInt(), in.readLong(), StringValue.readString(in), in.readLong(), StringValue.readString(in),
                StringValue.readString(in), StringValue.readString(in), StringValue.readString(in), in.readLong(),
                in.readLong(), in.readLong(), StringValue.readString(in), in.readBoolean(), in.readInt(), in.readInt(),
                in.readBoolean(), in.readBoolean(), StringValue.readString(in),
                layout >= 2 ? StringValue.readString(in) : null);
    }

    private static List<String> readPostIds(DataInputView in) throws IOException {
        int size = in.readInt();
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(StringValue.readString(in));
        }
        return Collections.unmodifiableList(ids);
    }

    @Override
    public CaseState deserialize(DataInputView in) throws IOException {
        CareCase c = readCase(in, layout);
        return new CaseState(c, readPostIds(in));
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
    public boolean equals(Object other) {
        return other instanceof CaseStateSerializer that && that.layout == layout;
    }

    @Override
    public int hashCode() {
        return layout;
    }

    @Override
    public TypeSerializerSnapshot<CaseState> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /**
     * What a checkpoint records of this serialiser, so a restore finds it again: its layout, as
     * the snapshot's version. Version 3 is layout 1 (written when this was a
     * {@code SimpleTypeSerializerSnapshot}, of version 3 and no content); 4 is layout 2. A case
     * restored from layout 1 has no permalink.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<CaseState> {

        private static final int LAYOUT_1 = 3;
        private static final int CURRENT_VERSION = 4;

        private int layout;

        public Snapshot() {
            this(CURRENT_LAYOUT);
        }

        Snapshot(int layout) {
            this.layout = layout;
        }

        @Override
        public int getCurrentVersion() {
            return CURRENT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version says it all
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion == 2) {
                in.readUTF(); // the serializer class name that SimpleTypeSerializerSnapshot's version 2 wrote
            } else if (readVersion != LAYOUT_1 && readVersion != CURRENT_VERSION) {
                throw new IOException("unknown case state serializer snapshot version " + readVersion);
            }
            layout = readVersion == CURRENT_VERSION ? 2 : 1;
        }

        @Override
        public TypeSerializer<CaseState> restoreSerializer() {
            return ofLayout(layout);
        }

        @Override
        public TypeSerializerSchemaCompatibility<CaseState> resolveSchemaCompatibility(TypeSerializerSnapshot<CaseState> old) {
            if (!(old instanceof Snapshot before)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return before.layout == layout ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
