package io.outcry.connectors.mail;

import io.outcry.connectors.webhook.WebhookRetry;
import io.outcry.connectors.webhook.WebhookSink;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A sink that mails each element: the {@link WebhookSink} with SMTP for transport, so mail has
 * the same queue off the task thread, retries with backoff (an SMTP 4xx or a lost connection is
 * retried, a 5xx is not), unacknowledged messages kept in checkpoints and re-sent after a
 * restore under the same {@code Message-ID}, and the same metrics.
 */
public final class MailSink {

    private MailSink() {}

    public static <T> WebhookSink<T> create(SmtpSettings smtp, SerializableFunction<T, MailMessage> message, TlsSockets tls,
            WebhookRetry retry, Duration timeout) {
        return WebhookSink.<T>builder()
                .transport(new SmtpTransport(smtp, timeout, tls))
                // Each element is mapped twice (id, then body); both are pure, so they agree.
                .bodyMapper(element -> message.apply(element).toMime(smtp.from(), smtp.to(), ZonedDateTime.now(ZoneOffset.UTC)))
                .deliveryId(element -> message.apply(element).deliveryId())
                .retry(retry)
                .build();
    }
}
