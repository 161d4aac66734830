package io.outcry.connectors.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The unacknowledged deliveries in a checkpoint: id and body as length-prefixed bytes, then
 * (since version 2) the receiver key and state, each behind a presence flag.
 */
final class WebhookDeliverySerializer implements SimpleVersionedSerializer<WebhookDelivery> {

    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(WebhookDelivery delivery) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(delivery.body().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, delivery.id().getBytes(StandardCharsets.UTF_8));
            write(out, delivery.body());
            out.writeBoolean(delivery.key() != null);
            if (delivery.key() != null) {
                write(out, delivery.key().getBytes(StandardCharsets.UTF_8));
                write(out, delivery.state().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public WebhookDelivery deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("webhook delivery state of version " + version + " is unknown to this build (it reads "
                    + VERSION + "); restore with the build that wrote it");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String id = new String(read(in), StandardCharsets.UTF_8);
            byte[] body = read(in);
            if (version == 1 || !in.readBoolean()) {
                return new WebhookDelivery(id, body);
            }
            return new WebhookDelivery(id, body, new String(read(in), StandardCharsets.UTF_8),
                    new String(read(in), StandardCharsets.UTF_8));
        }
    }

    private static void write(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
