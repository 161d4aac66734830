package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class IdSerializerTest {

    private static final String[] IDS = {"", "1862345098765432101", "at://did:plc:abc/app.bsky.feed.post/3kxyz",
        "mastodon.social/113456789", "città-è-ünïcode-\u4e2d\u6587-\uD83D\uDE00", "\u007f", "x".repeat(125), "x".repeat(126),
        "x".repeat(127), "x".repeat(300), null};

    @Test
    void writesTheBytesOfFlinksStringSerializerAndReadsThemBack() throws Exception {
        for (String id : IDS) {
            DataOutputSerializer flinks = new DataOutputSerializer(16);
            StringSerializer.INSTANCE.serialize(id, flinks);
            DataOutputSerializer ours = new DataOutputSerializer(16);
            IdSerializer.INSTANCE.serialize(id, ours);

            assertThat(ours.getCopyOfBuffer()).isEqualTo(flinks.getCopyOfBuffer());
            assertThat(IdSerializer.INSTANCE.deserialize(new DataInputDeserializer(ours.getCopyOfBuffer()))).isEqualTo(id);
        }
    }

    @Test
    void restoresStateThatFlinksStringSerializerWrote() {
        assertThat(IdSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs()).isTrue();
    }
}
