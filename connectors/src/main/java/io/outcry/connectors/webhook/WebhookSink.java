package io.outcry.connectors.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * POSTs each element of a stream as a JSON body to an http(s) webhook (Slack incoming webhooks,
 * on-call tools, chat bots), without ever holding the pipeline up.
 *
 * <ul>
 *   <li>{@code write} only queues: a bounded in-memory queue per writer, drained by one sender
 *       thread, so deliveries of a writer reach the receiver in stream order. When the queue is
 *       full the oldest waiting body is dropped, counted and logged.</li>
 *   <li>Lost connections, timeouts, 429 and 5xx are retried with jittered exponential backoff
 *       ({@link WebhookRetry}); a 429's {@code Retry-After: <seconds>} is honoured. Other 4xx
 *       (a bad payload, a revoked URL) are not retried. A delivery out of attempts is counted
 *       and logged at ERROR with the status.</li>
 *   <li>Each delivery carries an id ({@link Builder#deliveryId}) in the {@code Idempotency-Key} and
 *       {@code X-Outcry-Delivery} headers. A checkpoint keeps the deliveries not yet acknowledged
 *       without waiting for them, and a restored writer sends them first: with the job replaying
 *       what came after the checkpoint, a crash loses nothing, and what it sends twice carries
 *       the same id, for the receiver to recognise. Only a full queue or a delivery out of
 *       attempts loses one. At end of input and on close the writer waits, up to the drain
 *       timeout, for the queue to empty.</li>
 *   <li>Logs name the URL with its secret parts (path past the first segment, query) elided.</li>
 *   <li>For a receiver that keeps a state per key (PagerDuty's incidents),
 *       {@link Builder#statefulReceiver} makes a delivery that changes its key's state wait
 *       until a restart can no longer repeat the one before it after it.</li>
 *   <li>{@link Builder#transport} carries deliveries some other way than an HTTP POST, e.g. as
 *       mail ({@code io.outcry.connectors.mail.MailSink}), with everything above kept.</li>
 * </ul>
 *
 * <pre>{@code
 * WebhookSink<Alert> sink = WebhookSink.<Alert>builder()
 *         .url("https://hooks.slack.com/services/T000/B000/XXXX")
 *         .bodyMapper(alert -> slackJson(alert))
 *         .deliveryId(alert -> alert.id() + "#" + alert.sequence())
 *         .header("Authorization", "Bearer " + token)
 *         .build();
 * alerts.sinkTo(sink).name("webhook").uid("webhook-sink");
 * }</pre>
 *
 * <p>Writer metrics: {@code webhookDelivered}, {@code webhookFailed} (out of attempts or
 * refused), {@code webhookDropped} (queue full, or still queued at close), plus Flink's standard
 * sink counters.
 */
public final class WebhookSink<T> implements Sink<T>, SupportsWriterState<T, WebhookDelivery> {

    private static final long serialVersionUID = 1L;

    private final WebhookBodyMapper<T> mapper;
    private final SerializableFunction<T, String> deliveryId;
    private final ReceiverState<T> receiverState;
    private final WebhookSettings settings;

    private WebhookSink(WebhookBodyMapper<T> mapper, SerializableFunction<T, String> deliveryId, ReceiverState<T> receiverState,
            WebhookSettings settings) {
        this.mapper = mapper;
        this.deliveryId = deliveryId;
        this.receiverState = receiverState;
        this.settings = settings;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public StatefulSinkWriter<T, WebhookDelivery> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, WebhookDelivery> restoreWriter(WriterInitContext context, Collection<WebhookDelivery> unacknowledged) {
        return createWriter(new WebhookMetrics(context.metricGroup()), context.getTaskInfo().getIndexOfThisSubtask(), unacknowledged);
    }

    @Override
    public SimpleVersionedSerializer<WebhookDelivery> getWriterStateSerializer() {
        return new WebhookDeliverySerializer();
    }

    WebhookSinkWriter<T> createWriter(WebhookMetrics metrics, int subtask) {
        return createWriter(metrics, subtask, List.of());
    }

    WebhookSinkWriter<T> createWriter(WebhookMetrics metrics, int subtask, Collection<WebhookDelivery> unacknowledged) {
        return new WebhookSinkWriter<>(mapper, deliveryId, receiverState, settings, metrics,
                "webhook-sender " + settings.carrier() + " #" + subtask, unacknowledged);
    }

    public static final class Builder<T> {

        private WebhookEndpoint endpoint;
        private WebhookBodyMapper<T> mapper;
        private SerializableFunction<T, String> deliveryId;
        private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();
        private int queueCapacity = 1000;
        private WebhookRetry retry = WebhookRetry.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private DeliveryTransport transport;
        private ReceiverState<T> receiverState;

        private Builder() {}

        /**
         * For a receiver that keeps a state per key and acts on a change of it, e.g. PagerDuty's
         * incident per {@code dedup_key}: triggered, then resolved. A delivery that changes its
         * key's state waits until the delivery before it was acknowledged and a checkpoint after
         * that completed, so that a restart, which resends the unacknowledged and replays what
         * came after its checkpoint, never repeats a trigger after its resolve (which would open
         * a second incident). It costs such a change up to two checkpoint intervals of delay when
         * it comes right after the one before.
         *
         * @param key   the receiver's key an element acts on, e.g. the dedup_key
         * @param state the state the element puts it in, e.g. "trigger" or "resolve"
         */
        public Builder<T> statefulReceiver(SerializableFunction<T, String> key, SerializableFunction<T, String> state) {
            this.receiverState = new ReceiverState<>(key, state);
            return this;
        }

        /** The absolute http(s) URL every body is POSTed to. */
        public Builder<T> url(String url) {
            this.endpoint = WebhookEndpoint.parse(url);
            return this;
        }

        /**
         * Carries each delivery some other way than a POST to {@link #url}, e.g. as mail over SMTP,
         * keeping the queue, retries, checkpointed deliveries and metrics; then no URL is needed
         * and the body is whatever that transport sends.
         */
        public Builder<T> transport(DeliveryTransport transport) {
            this.transport = transport;
            return this;
        }

        /** Turns an element into its JSON body; sent with {@code Content-Type: application/json}. */
        public Builder<T> bodyMapper(WebhookBodyMapper<T> mapper) {
            this.mapper = mapper;
            return this;
        }

        /**
         * Names each element's delivery, the same every time it is sent (after a retry, a restore
         * or a replay) and different for different elements, e.g. {@code <alert id>#<event sequence>}.
         */
        public Builder<T> deliveryId(SerializableFunction<T, String> deliveryId) {
            this.deliveryId = deliveryId;
            return this;
        }

        /** A header sent with every request, e.g. {@code Authorization}; replaces an earlier one of that name. */
        public Builder<T> header(String name, String value) {
            try {
                HttpRequest.newBuilder(URI.create("http://localhost/")).setHeader(name, value);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("webhook header '" + name + "' cannot be set (" + e.getMessage()
                        + "); give a valid header name and value other than the ones the HTTP client"
                        + " manages itself (Host, Connection, Content-Length, ...)");
            }
            headers.put(name, value);
            return this;
        }

        public Builder<T> headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        /** Bodies a writer holds while the receiver is slow or down; past it the oldest is dropped. Default 1000. */
        public Builder<T> queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("webhook queueCapacity must be at least 1, got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** Defaults to {@link WebhookRetry#DEFAULT}: 5 attempts, backoff from 0.5 s, Retry-After up to 60 s. */
        public Builder<T> retry(WebhookRetry retry) {
            if (retry == null) {
                throw new IllegalArgumentException("webhook retry must not be null; use WebhookRetry.DEFAULT");
            }
            this.retry = retry;
            return this;
        }

        /** Time to open a connection. Default 5 s. */
        public Builder<T> connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Time from sending a request to its response. Default 10 s. */
        public Builder<T> requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** How long end of input and close wait for queued deliveries to go out. Default 30 s. */
        public Builder<T> drainTimeout(Duration timeout) {
            this.drainTimeout = positive("drainTimeout", timeout);
            return this;
        }

        private static Duration positive(String option, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(
                        "webhook " + option + " must be a positive duration, e.g. Duration.ofSeconds(5); got " + value);
            }
            return value;
        }

        public WebhookSink<T> build() {
            if (endpoint == null && transport == null) {
                throw new IllegalStateException(
                        "WebhookSink needs url(...), e.g. url(\"https://hooks.slack.com/services/...\")");
            }
            if (mapper == null) {
                throw new IllegalStateException(
                        "WebhookSink needs a bodyMapper(...) turning each element into its JSON body");
            }
            if (deliveryId == null) {
                throw new IllegalStateException("WebhookSink needs a deliveryId(...) naming each element's delivery the same way"
                        + " on every send, e.g. alert -> alert.id() + \"#\" + alert.sequence(), so that a receiver can drop a repeat");
            }
            return new WebhookSink<>(mapper, deliveryId, receiverState, new WebhookSettings(endpoint, new LinkedHashMap<>(headers),
                    queueCapacity, retry, connectTimeout, requestTimeout, drainTimeout, transport));
        }
    }
}
