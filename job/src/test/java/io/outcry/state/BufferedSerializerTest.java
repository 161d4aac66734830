package io.outcry.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.care.QueuedCase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class BufferedSerializerTest {

    private static final TypeInformation<List<QueuedCase>> CASES = Types.LIST(TypeInformation.of(QueuedCase.class));
    private static final List<QueuedCase> SOME = List.of(
            new QueuedCase("1", 1_000, 3_601_000, "anna", "https://x.com/anna/status/1", "billing", "IT.09"),
            new QueuedCase("2", 2_000, 3_602_000, "bruno", null, "network", null));

    private static <T> byte[] write(TypeSerializer<T> serializer, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.serialize(value, new DataOutputViewStreamWrapper(bytes));
        return bytes.toByteArray();
    }

    private static <T> T read(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
        return serializer.deserialize(new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes)));
    }

    private static TypeSerializer<List<QueuedCase>> flinks() {
        return CASES.createSerializer(new SerializerConfigImpl());
    }

    private static TypeSerializer<List<QueuedCase>> buffered() {
        return BufferedType.of(CASES).createSerializer(new SerializerConfigImpl());
    }

    @Test
    void writesTheBytesOfTheSerializerItWraps() throws IOException {
        byte[] bytes = write(buffered(), SOME);

        assertThat(bytes).isEqualTo(write(flinks(), SOME));
        assertThat(read(buffered(), bytes)).isEqualTo(SOME);
        assertThat(read(flinks(), bytes)).isEqualTo(SOME);
    }

    @Test
    void aValueLargerThanTheBufferAndTheOneAfterItAreWrittenWhole() throws IOException {
        TypeSerializer<String> serializer = BufferedType.of(Types.STRING).createSerializer(new SerializerConfigImpl());
        String large = "x".repeat(2_000_000);

        assertThat(read(serializer, write(serializer, large))).isEqualTo(large);
        assertThat(read(serializer, write(serializer, "small"))).isEqualTo("small");
    }

    @Test
    void eachDuplicateHasItsOwnBuffer() throws IOException {
        TypeSerializer<List<QueuedCase>> serializer = buffered();
        TypeSerializer<List<QueuedCase>> duplicate = serializer.duplicate();

        assertThat(duplicate).isNotSameAs(serializer).isEqualTo(serializer);
        assertThat(read(duplicate, write(duplicate, SOME))).isEqualTo(SOME);
    }

    @Test
    void aCheckpointWrittenWithoutTheBufferRestoresAsIs() {
        TypeSerializerSnapshot<List<QueuedCase>> before = flinks().snapshotConfiguration();

        TypeSerializerSchemaCompatibility<List<QueuedCase>> compatibility =
                buffered().snapshotConfiguration().resolveSchemaCompatibility(before);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    @Test
    void aCheckpointWrittenWithTheBufferRestoresAsIs() throws IOException {
        TypeSerializerSnapshot<List<QueuedCase>> written = buffered().snapshotConfiguration();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TypeSerializerSnapshot.writeVersionedSnapshot(new DataOutputViewStreamWrapper(bytes), written);
        TypeSerializerSnapshot<List<QueuedCase>> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes.toByteArray())), getClass().getClassLoader());

        assertThat(buffered().snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isEqualTo(buffered());
    }

    @Test
    void aTypeThatIsNotTheOneWrittenIsIncompatible() {
        TypeSerializerSnapshot<String> strings = Types.STRING.createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<List<QueuedCase>> notCases = (TypeSerializerSnapshot) strings;

        assertThat(buffered().snapshotConfiguration().resolveSchemaCompatibility(notCases).isIncompatible()).isTrue();
    }
}
