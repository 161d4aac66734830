package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import io.outcry.state.BufferedSerializer;
import org.junit.jupiter.api.Test;

class QueuedCaseSerializerTest {

    private static final String[] TEXTS = {"", "anna", "1862345098765432101", "https://x.com/anna/status/1862345098765432101",
        "at://did:plc:abc/app.bsky.feed.post/3kxyz", "città-è-ünïcode-\u4e2d\u6587-\uD83D\uDE00", "\u007f", "\u0080", "x".repeat(126),
        "x".repeat(127), "x".repeat(300), "billing", "IT.09", null};

    static List<QueuedCase> cases() {
        List<QueuedCase> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            cases.add(new QueuedCase(pick(random), random.nextLong(), random.nextInt(3) == 0 ? -1 : random.nextLong(), pick(random),
                    pick(random), pick(random), pick(random)));
        }
        return cases;
    }

    private static String pick(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static byte[] bytes(TypeSerializer<QueuedCase> serializer, QueuedCase q) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(q, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void writesTheBytesOfFlinksPojoSerializerAndReadsThemBack() throws Exception {
        TypeSerializer<QueuedCase> pojo = QueuedCaseSerializer.pojoSerializer();
        List<QueuedCase> cases = cases();
        cases.add(null);
        for (QueuedCase q : cases) {
            byte[] ours = bytes(QueuedCaseSerializer.INSTANCE, q);
            assertThat(ours).as("%s", q).isEqualTo(bytes(pojo, q));
            assertThat(QueuedCaseSerializer.INSTANCE.deserialize(new DataInputDeserializer(ours))).isEqualTo(q);
            assertThat(pojo.deserialize(new DataInputDeserializer(ours))).isEqualTo(q);
        }
    }

    @Test
    void copiesOneCaseFromAStreamToAnother() throws Exception {
        QueuedCase q = cases().get(3);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer in = new DataInputDeserializer(bytes(QueuedCaseSerializer.INSTANCE, q));
        QueuedCaseSerializer.INSTANCE.copy(in, copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes(QueuedCaseSerializer.INSTANCE, q));
    }

    @Test
    void restoresStateThatThePojoSerializerWroteAsItIs() {
        TypeSerializer<QueuedCase> pojo = QueuedCaseSerializer.pojoSerializer();
        assertThat(compatibility(QueuedCaseSerializer.INSTANCE, pojo).isCompatibleAsIs()).isTrue();
        assertThat(compatibility(new BufferedSerializer<>(QueuedCaseSerializer.INSTANCE), new BufferedSerializer<>(pojo))
                .isCompatibleAsIs()).as("the within-SLA map's values, buffered before and after").isTrue();
        assertThat(compatibility(new BufferedSerializer<>(QueuedCaseSerializer.INSTANCE), pojo).isCompatibleAsIs())
                .as("from before the buffered serializers").isTrue();
        assertThat(compatibility(new BufferedSerializer<>(new ListSerializer<>(QueuedCaseSerializer.INSTANCE)),
                new BufferedSerializer<>(new ListSerializer<>(pojo))).isCompatibleAsIs()).as("the breached list").isTrue();
        assertThat(compatibility(QueuedCaseSerializer.INSTANCE, QueuedCaseSerializer.INSTANCE).isCompatibleAsIs()).isTrue();
    }

    private static <T> TypeSerializerSchemaCompatibility<T> compatibility(TypeSerializer<T> now, TypeSerializer<T> before) {
        TypeSerializerSnapshot<T> old = before.snapshotConfiguration();
        return now.snapshotConfiguration().resolveSchemaCompatibility(old);
    }
}
