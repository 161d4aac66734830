package io.outcry.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.webhook.WebhookReceiver.Received;
import io.outcry.connectors.webhook.WebhookReceiver.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer and its sender thread against a real HTTP server on a loopback port. */
class WebhookSinkWriterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Retry pauses of a few milliseconds, so that tests about retries run fast. */
    private static final WebhookRetry FAST_RETRY =
            new WebhookRetry(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

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

    private WebhookSink.Builder<String> sink() {
        return WebhookSink.<String>builder()
                .url(receiver.url())
                .bodyMapper(text -> ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8))
                .deliveryId(text -> "id-" + text)
                .retry(FAST_RETRY)
                .drainTimeout(TIMEOUT);
    }

    private static String json(String text) {
        return "{\"text\":\"" + text + "\"}";
    }

    private static void write(WebhookSinkWriter<String> writer, String... texts) {
        for (String text : texts) {
            writer.write(text, null);
        }
    }

    @Test
    void postsEachElementAsJsonWithTheExtraHeadersInOrder() throws Exception {
        try (WebhookSinkWriter<String> writer = sink()
                .header("Authorization", "Bearer s3cret")
                .build()
                .createWriter(metrics, 0)) {
            write(writer, "one", "two", "three");
            writer.flush(true);
        }

        List<Received> received = receiver.received();
        assertThat(received).extracting(Received::body).containsExactly(json("one"), json("two"), json("three"));
        assertThat(received).allSatisfy(r -> {
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret");
        });
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsExactly("id-one", "id-two", "id-three");
        assertThat(received).extracting(r -> r.header("X-Outcry-Delivery")).containsExactly("id-one", "id-two", "id-three");
        assertThat(metrics.deliveredCount()).isEqualTo(3);
        assertThat(metrics.failedCount()).isZero();
        assertThat(metrics.droppedCount()).isZero();
    }

    @Test
    void retriesA503ThenDelivers() throws Exception {
        receiver.reply(Reply.status(503), Reply.status(503));

        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            write(writer, "outage");
            writer.flush(true);
        }

        assertThat(receiver.bodies()).containsExactly(json("outage"), json("outage"), json("outage"));
        assertThat(receiver.received()).extracting(r -> r.header("Idempotency-Key"))
                .as("a retry is the same delivery").containsOnly("id-outage");
        assertThat(metrics.deliveredCount()).isEqualTo(1);
        assertThat(metrics.failedCount()).isZero();
    }

    @Test
    void waitsAsLongAsA429sRetryAfterAsks() throws Exception {
        receiver.reply(new Reply(429, Map.of("Retry-After", "1"), "slow down"));

        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            write(writer, "spike");
            writer.flush(true);
        }

        List<Received> received = receiver.received();
        assertThat(received).hasSize(2);
        Duration pause = Duration.ofNanos(received.get(1).arrivedNanos() - received.get(0).arrivedNanos());
        assertThat(pause).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(metrics.deliveredCount()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastAttemptAndCountsTheFailure() throws Exception {
        receiver.reply(IntStream.range(0, 8).mapToObj(i -> Reply.status(500)).toArray(Reply[]::new));

        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            write(writer, "first", "second", "third");
            writer.flush(true);
        }

        assertThat(receiver.bodies()).containsExactly(
                json("first"), json("first"), json("first"), json("first"),
                json("second"), json("second"), json("second"), json("second"),
                json("third"));
        assertThat(metrics.failedCount()).isEqualTo(2);
        assertThat(metrics.deliveredCount()).isEqualTo(1);
    }

    @Test
    void doesNotRetryA400() throws Exception {
        receiver.reply(new Reply(400, Map.of(), "invalid_payload"));

        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            write(writer, "malformed", "fine");
            writer.flush(true);
        }

        assertThat(receiver.bodies()).containsExactly(json("malformed"), json("fine"));
        assertThat(metrics.failedCount()).isEqualTo(1);
        assertThat(metrics.deliveredCount()).isEqualTo(1);
    }

    @Test
    void deliversOnceAReceiverThatWasDownComesUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WebhookRetry patient = new WebhookRetry(20, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ZERO);
        try (WebhookSinkWriter<String> writer = WebhookSink.<String>builder()
                .url("http://127.0.0.1:" + port + "/hooks/alerts")
                .bodyMapper(text -> json(text).getBytes(StandardCharsets.UTF_8))
                .deliveryId(text -> text)
                .retry(patient)
                .drainTimeout(TIMEOUT)
                .build()
                .createWriter(metrics, 0)) {
            write(writer, "early");
            Thread.sleep(300);
            try (WebhookReceiver late = WebhookReceiver.start(port)) {
                writer.flush(true);
                assertThat(late.bodies()).containsExactly(json("early"));
            }
        }
        assertThat(metrics.deliveredCount()).isEqualTo(1);
        assertThat(metrics.failedCount()).isZero();
    }

    /** A write that waited for the stalled receiver would wait until the test's timeout: reaching the asserts proves it did not. */
    @Test
    @Timeout(60)
    void dropsTheOldestQueuedDeliveryWhenTheReceiverStallsWithoutBlockingWrites() throws Exception {
        receiver.stall();
        try (WebhookSinkWriter<String> writer = sink().queueCapacity(3).build().createWriter(metrics, 0)) {
            write(writer, "0");
            receiver.awaitRequests(1, TIMEOUT);

            IntStream.rangeClosed(1, 10).forEach(i -> writer.write(Integer.toString(i), null));

            assertThat(receiver.received()).as("still stalled on the first").hasSize(1);
            assertThat(metrics.droppedCount()).isEqualTo(7);
            receiver.release();
            writer.flush(true);
        }

        assertThat(receiver.bodies()).containsExactly(json("0"), json("8"), json("9"), json("10"));
        assertThat(metrics.deliveredCount()).isEqualTo(4);
        assertThat(metrics.droppedCount()).isEqualTo(7);
    }

    @Test
    void drainsEveryQueuedDeliveryAtEndOfInput() throws Exception {
        receiver.delayEachRequest(Duration.ofMillis(30));
        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            IntStream.range(0, 10).forEach(i -> writer.write(Integer.toString(i), null));
            writer.flush(true);

            assertThat(receiver.bodies())
                    .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> json(Integer.toString(i))).toList());
            assertThat(metrics.deliveredCount()).isEqualTo(10);
        }
    }

    /** With a drain timeout of an hour, a checkpoint that waited would outlast the test's timeout. */
    @Test
    @Timeout(60)
    void doesNotWaitForTheReceiverOnACheckpoint() throws Exception {
        receiver.stall();
        try (WebhookSinkWriter<String> writer = sink().drainTimeout(Duration.ofHours(1)).build().createWriter(metrics, 0)) {
            write(writer, "pending");
            receiver.awaitRequests(1, TIMEOUT);

            writer.flush(false);

            assertThat(metrics.deliveredCount()).as("the receiver has not answered yet").isZero();
            receiver.release();
        }
    }

    @Test
    @Timeout(60)
    void stopsWaitingAtCloseAfterTheDrainTimeoutAndCountsWhatItAbandons() throws Exception {
        receiver.stall();
        WebhookSinkWriter<String> writer = sink().drainTimeout(Duration.ofMillis(300)).build().createWriter(metrics, 0);
        write(writer, "in flight", "queued");
        receiver.awaitRequests(1, TIMEOUT);

        long started = System.nanoTime();
        writer.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - started);

        // the upper side is the test's timeout: the receiver never answers
        assertThat(closing).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(metrics.droppedCount()).isEqualTo(2);
        assertThat(metrics.deliveredCount()).isZero();
    }

    /** With a drain timeout of an hour, a checkpoint that waited would outlast the test's timeout. */
    @Test
    @Timeout(60)
    void aCheckpointKeepsTheUnacknowledgedDeliveriesWithoutWaitingForThem() throws Exception {
        receiver.stall();
        try (WebhookSinkWriter<String> writer = sink().drainTimeout(Duration.ofHours(1)).build().createWriter(metrics, 0)) {
            write(writer, "in flight", "queued");
            receiver.awaitRequests(1, TIMEOUT);

            writer.flush(false);
            List<WebhookDelivery> state = writer.snapshotState(1);
            receiver.release();

            assertThat(state).extracting(WebhookDelivery::id).containsExactly("id-in flight", "id-queued");
            assertThat(state).extracting(d -> new String(d.body(), StandardCharsets.UTF_8))
                    .containsExactly(json("in flight"), json("queued"));
        }
    }

    @Test
    void aCheckpointKeepsNothingOnceTheReceiverAcknowledgedEverything() throws Exception {
        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0)) {
            write(writer, "one", "two");
            writer.flush(true);

            assertThat(writer.snapshotState(1)).isEmpty();
        }
        assertThat(receiver.bodies()).containsExactly(json("one"), json("two"));
    }

    @Test
    void aWriterRestoredFromACheckpointSendsItsUnacknowledgedDeliveriesFirstUnderTheirIds() throws Exception {
        receiver.stall();
        WebhookSinkWriter<String> crashed = sink().drainTimeout(Duration.ofMillis(50)).build().createWriter(metrics, 0);
        write(crashed, "open", "resolve");
        receiver.awaitRequests(1, TIMEOUT);
        WebhookDeliverySerializer serializer = new WebhookDeliverySerializer();
        List<WebhookDelivery> restored = new ArrayList<>();
        for (WebhookDelivery delivery : crashed.snapshotState(7)) {
            restored.add(serializer.deserialize(serializer.getVersion(), serializer.serialize(delivery)));
        }
        crashed.close();
        receiver.release();
        int beforeRestore = receiver.received().size();

        try (WebhookSinkWriter<String> writer = sink().build().createWriter(metrics, 0, restored)) {
            write(writer, "next");
            writer.flush(true);
        }

        List<Received> afterRestore = receiver.received().subList(beforeRestore, receiver.received().size());
        assertThat(afterRestore).extracting(r -> r.header("Idempotency-Key")).containsExactly("id-open", "id-resolve", "id-next");
        assertThat(afterRestore).extracting(Received::body).containsExactly(json("open"), json("resolve"), json("next"));
        assertThat(receiver.received()).extracting(r -> r.header("Idempotency-Key"))
                .as("what was in flight at the crash may arrive twice, under one id, and nothing is missing")
                .containsOnly("id-open", "id-resolve", "id-next");
    }
}
