package io.outcry.connectors.elasticsearch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The writer's checkpointed state: the documents it had not sent yet, oldest first. */
final class BufferedDocumentsSerializer implements SimpleVersionedSerializer<List<ElasticsearchDocument>> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(List<ElasticsearchDocument> documents) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(documents.size());
        for (ElasticsearchDocument document : documents) {
            // Length-prefixed bytes rather than writeUTF, which stops at 64 KB.
            writeBytes(out, document.index().getBytes(UTF_8));
            writeBytes(out, document.id().getBytes(UTF_8));
            writeBytes(out, document.source());
            out.writeLong(document.eventTimestamp());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<ElasticsearchDocument> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of the Elasticsearch sink writer's state");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<ElasticsearchDocument> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String index = new String(readBytes(in), UTF_8);
            String id = new String(readBytes(in), UTF_8);
            documents.add(new ElasticsearchDocument(index, id, readBytes(in), in.readLong()));
        }
        return documents;
    }

    private static void writeBytes(DataOutputSerializer out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputDeserializer in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
