package io.outcry.notify;

import io.outcry.connectors.mail.MailSink;
import io.outcry.connectors.mail.TlsSockets;
import io.outcry.connectors.secrets.SecretReferences;
import io.outcry.connectors.webhook.WebhookRetry;
import io.outcry.connectors.webhook.WebhookSink;
import io.outcry.detect.AlertEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Alert events through a routing file ({@link Routing}) to Slack, Teams, PagerDuty, generic
 * webhooks and email. It is not one sink but a few operators, which {@link #attach} adds where a
 * sink would go (the job does so when it meets this destination):
 *
 * <pre>
 * alert events ─ route (RouteAlerts) ─ by destination ─ quiet hours and rate limit (DestinationGate) ─┬─ to slack sink
 *                                                                                                      ├─ to pagerduty sink
 *                                                                                                      └─ ...
 * </pre>
 *
 * Every destination's sink is a {@link WebhookSink} (email: with SMTP for transport), so each
 * keeps its queue, retries and unacknowledged deliveries in checkpoints.
 */
public final class AlertRouter implements Sink<AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final Routing routing;
    private final WebhookRetry retry;
    private final TlsSockets tls;

    public AlertRouter(Routing routing) {
        this(routing, WebhookRetry.DEFAULT, TlsSockets.JVM_DEFAULT);
    }

    /** With the retry policy and TLS trust given, e.g. short backoffs and a test certificate. */
    public AlertRouter(Routing routing, WebhookRetry retry, TlsSockets tls) {
        this.routing = routing;
        this.retry = retry;
        this.tls = tls;
    }

    /** The events routing looks at: updates too, since one may reach a route's minimum severity. */
    public static boolean wanted(AlertEvent event) {
        return switch (event.event()) {
            case "open", "reopen", "update", "resolve" -> true;
            default -> false;
        };
    }

    public Routing routing() {
        return routing;
    }

    /** Adds the routing operators and one sink per destination, under uids made of {@code uid} and the destination's name. */
    public void attach(DataStream<AlertEvent> alerts, String name, String uid) {
        SingleOutputStreamOperator<Notification> notifications = alerts
                .flatMap(new RouteAlerts(routing), TypeInformation.of(Notice.class))
                .name(name + ": match routes").uid(uid + "-match")
                .keyBy(Notice::destination, Types.STRING)
                .process(new DestinationGate(routing.destinations()), TypeInformation.of(Notification.class))
                .name(name + ": quiet hours and rate limits").uid(uid + "-gate");
        for (RouteDestination destination : routing.destinations().values()) {
            String to = destination.name();
            notifications.filter(notification -> notification.destination().equals(to))
                    .name(name + ": for " + to).uid(uid + "-for-" + to)
                    .sinkTo(sink(destination))
                    .name(name + " to " + destination).uid(uid + "-to-" + to);
        }
    }

    private Sink<Notification> sink(RouteDestination destination) {
        if (destination.type() == DestinationType.EMAIL) {
            return MailSink.create(destination.smtp(), EmailMessage::of, tls, retry, Duration.ofSeconds(30));
        }
        WebhookSink.Builder<Notification> sink = WebhookSink.<Notification>builder()
                .url(destination.url())
                .deliveryId(Notification::deliveryId)
                .retry(retry);
        switch (destination.type()) {
            case SLACK -> sink.bodyMapper(SlackNotification::json);
            case TEAMS -> sink.bodyMapper(TeamsMessage::json);
            case WEBHOOK -> sink.bodyMapper(WebhookEvent::json).headers(destination.headers());
            case PAGERDUTY -> {
                String key = destination.routingKey();
                String what = "PagerDuty routing_key of destination " + destination.name();
                String source = destination.source();
                // Read where it is sent, so the key is in neither the job graph nor its logs.
                sink.bodyMapper(notification -> PagerDutyEvent.json(notification, SecretReferences.resolve(what, key), source))
                        // A trigger repeated after its resolve would open a second incident.
                        .statefulReceiver(notification -> notification.first().alertId(), PagerDutyEvent::action);
            }
            default -> throw new IllegalStateException("no sink for destination type " + destination.type());
        }
        return sink.build();
    }

    /** Never called: the job adds this destination's operators with {@link #attach}. */
    @Override
    public SinkWriter<AlertEvent> createWriter(WriterInitContext context) {
        throw new UnsupportedOperationException("AlertRouter is a few operators, not one sink: add it with attach(...)");
    }
}
