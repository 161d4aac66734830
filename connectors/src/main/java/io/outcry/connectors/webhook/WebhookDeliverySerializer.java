package io.outcry.connectors.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The unacknowledged deliveries in a checkpoint: id and body as length-prefixed bytes. */
final class WebhookDeliverySerializer implements SimpleVersionedSerializer<WebhookDelivery> {

    private static final int VERSION = 1;

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
        }
        return bytes.toByteArray();
    }

    @Override
    public WebhookDelivery deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("webhook delivery state of version " + version + " is unknown to this build (it reads "
                    + VERSION + "); restore with the build that wrote it");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return new WebhookDelivery(new String(read(in), StandardCharsets.UTF_8), read(in));
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
