package io.outcry.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that keeps a state per key (PagerDuty's incidents): a delivery that flips its key
 * waits until a restart can no longer repeat the one before it after it. Elements read
 * {@code state:key:n}.
 */
class WebhookStatefulReceiverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WebhookMetrics metrics = new WebhookMetrics(UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private WebhookSink<String> sink() {
        return WebhookSink.<String>builder()
                .url(receiver.url())
                .bodyMapper(text -> text.getBytes(StandardCharsets.UTF_8))
                .deliveryId(text -> text)
                .statefulReceiver(text -> text.split(":")[1], text -> text.split(":")[0])
                .drainTimeout(TIMEOUT)
                .build();
    }

    private static void awaitLetGo(WebhookSinkWriter<String> writer, String id) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!writer.flips().letGo(id)) {
            assertThat(System.nanoTime()).as("%s acknowledged within %s", id, TIMEOUT).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void holdsAResolveUntilItsTriggerWasAcknowledgedAndACheckpointAfterThatCompleted() throws Exception {
        try (WebhookSinkWriter<String> writer = sink().createWriter(metrics, 0)) {
            writer.write("trigger:a:1", null);
            writer.write("resolve:a:2", null);
            awaitLetGo(writer, "trigger:a:1");
            assertThat(receiver.bodies()).containsExactly("trigger:a:1");

            // Checkpoint 1 holds the resolve; a restore from it sends it after nothing else of a.
            assertThat(writer.snapshotState(1)).extracting(WebhookDelivery::id).containsExactly("resolve:a:2");
            Thread.sleep(100);
            assertThat(receiver.bodies()).as("checkpoint 1 may still fail").containsExactly("trigger:a:1");

            // Checkpoint 2 starts only once 1 has ended: no restore can repeat the trigger now.
            writer.snapshotState(2);
            receiver.awaitRequests(2, TIMEOUT);
            assertThat(receiver.bodies()).containsExactly("trigger:a:1", "resolve:a:2");
            writer.flush(true);
        }
    }

    @Test
    void sendsAtOnceWhatKeepsItsKeysStateOrIsTheFirstOfItsKey() throws Exception {
        try (WebhookSinkWriter<String> writer = sink().createWriter(metrics, 0)) {
            writer.write("trigger:a:1", null);
            writer.write("trigger:a:2", null);
            writer.write("resolve:b:1", null);
            receiver.awaitRequests(3, TIMEOUT);
            assertThat(receiver.bodies()).containsExactly("trigger:a:1", "trigger:a:2", "resolve:b:1");
            writer.flush(true);
        }
    }

    @Test
    void keepsHoldingAFlipRestoredBehindItsUnacknowledgedPredecessor() throws Exception {
        List<WebhookDelivery> restored = List.of(
                new WebhookDelivery("trigger:a:1", "trigger:a:1".getBytes(StandardCharsets.UTF_8), "a", "trigger"),
                new WebhookDelivery("resolve:a:2", "resolve:a:2".getBytes(StandardCharsets.UTF_8), "a", "resolve"));
        try (WebhookSinkWriter<String> writer = sink().createWriter(metrics, 0, restored)) {
            awaitLetGo(writer, "trigger:a:1");
            assertThat(writer.snapshotState(5)).extracting(WebhookDelivery::id).containsExactly("resolve:a:2");
            Thread.sleep(100);
            assertThat(receiver.bodies()).containsExactly("trigger:a:1");

            writer.snapshotState(6);
            receiver.awaitRequests(2, TIMEOUT);
            assertThat(receiver.bodies()).containsExactly("trigger:a:1", "resolve:a:2");
            writer.flush(true);
        }
    }

    @Test
    void releasesWhatItHoldsAtTheEndOfInput() throws Exception {
        try (WebhookSinkWriter<String> writer = sink().createWriter(metrics, 0)) {
            writer.write("trigger:a:1", null);
            writer.write("resolve:a:2", null);
            writer.write("trigger:a:3", null);
            writer.flush(true);
        }
        assertThat(receiver.bodies()).containsExactly("trigger:a:1", "resolve:a:2", "trigger:a:3");
    }

    @Test
    void keepsTheKeyAndStateOfADeliveryInTheCheckpointAndReadsTheOlderFormat() throws Exception {
        WebhookDeliverySerializer serializer = new WebhookDeliverySerializer();
        WebhookDelivery keyed = new WebhookDelivery("id", "{}".getBytes(StandardCharsets.UTF_8), "a", "resolve");
        WebhookDelivery back = serializer.deserialize(serializer.getVersion(), serializer.serialize(keyed));
        assertThat(back.id()).isEqualTo("id");
        assertThat(back.key()).isEqualTo("a");
        assertThat(back.state()).isEqualTo("resolve");

        // Version 1: id and body only.
        byte[] v1 = {0, 0, 0, 2, 'i', 'd', 0, 0, 0, 2, '{', '}'};
        WebhookDelivery old = serializer.deserialize(1, v1);
        assertThat(old.id()).isEqualTo("id");
        assertThat(new String(old.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(old.key()).isNull();
    }
}
