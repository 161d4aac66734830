package io.outcry.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSinkBuilderTest {

    private static final WebhookBodyMapper<String> BODY = text -> new byte[0];

    @Test
    void refusesASinkWithoutUrl() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().bodyMapper(BODY).deliveryId(text -> text).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs url(...)");
    }

    @Test
    void refusesASinkWithoutBodyMapper() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().url("http://127.0.0.1:8080/hook").deliveryId(text -> text).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a bodyMapper(...)");
    }

    @Test
    void refusesASinkWithoutDeliveryIdsForReceiversCannotTellARepeatFromANewAlert() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().url("http://127.0.0.1:8080/hook").bodyMapper(BODY).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a deliveryId(...)");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().url("ftp://example.org/hook"))
                .hasMessageContaining("'ftp://example.org/hook' is not an absolute http(s) URL");
        assertThatThrownBy(() -> WebhookSink.<String>builder().url("/relative/hook"))
                .hasMessageContaining("is not an absolute http(s) URL");
        assertThatThrownBy(() -> WebhookSink.<String>builder().url("http://exa mple.org/"))
                .hasMessageContaining("is not a valid URI");
    }

    @Test
    void refusesHeadersTheHttpClientManages() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().header("Host", "example.org"))
                .hasMessageContaining("webhook header 'Host' cannot be set");
        assertThatThrownBy(() -> WebhookSink.<String>builder().header("Bad Name", "x"))
                .hasMessageContaining("webhook header 'Bad Name' cannot be set");
    }

    @Test
    void refusesAnEmptyQueueAndNonPositiveTimeouts() {
        assertThatThrownBy(() -> WebhookSink.<String>builder().queueCapacity(0))
                .hasMessageContaining("queueCapacity must be at least 1, got 0");
        assertThatThrownBy(() -> WebhookSink.<String>builder().requestTimeout(Duration.ZERO))
                .hasMessageContaining("requestTimeout must be a positive duration");
        assertThatThrownBy(() -> WebhookSink.<String>builder().drainTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("drainTimeout must be a positive duration");
    }

    @Test
    void keepsTheSecretPartsOfTheUrlOutOfLogs() {
        assertThat(WebhookEndpoint.parse("https://hooks.slack.com/services/T000/B000/XXXXSECRET").logName())
                .isEqualTo("https://hooks.slack.com/services/…");
        assertThat(WebhookEndpoint.parse("http://127.0.0.1:8080/alerts?token=SECRET").logName())
                .isEqualTo("http://127.0.0.1:8080/alerts?…");
        assertThatThrownBy(() -> WebhookEndpoint.parse("ftp://example.org/a/SECRET"))
                .message().doesNotContain("SECRET");
    }

    @Test
    void aUrlGivenByReferenceIsReadWhereTheSinkRunsAndNeverTravelsWithIt(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("webhook-url");
        Files.writeString(secret, "https://hooks.slack.com/services/T000/B000/XXXXSECRET\n");
        WebhookEndpoint endpoint = WebhookEndpoint.parse("${file:" + secret + "}");

        byte[] shipped = InstantiationUtil.serializeObject(endpoint);

        assertThat(new String(shipped, StandardCharsets.ISO_8859_1)).doesNotContain("XXXXSECRET");
        WebhookEndpoint received = InstantiationUtil.deserializeObject(shipped, getClass().getClassLoader());
        assertThat(received.uri()).isEqualTo(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET"));
        assertThat(received.logName()).isEqualTo("${file:" + secret + "}");
    }

    @Test
    void aReferenceToNothingFailsWithOneLineSayingWhereToPutTheUrl(@TempDir Path dir) {
        assertThatThrownBy(() -> WebhookEndpoint.parse("${file:" + dir.resolve("missing") + "}").uri())
                .hasMessageContaining("webhook URL refers to file " + dir.resolve("missing") + ", which cannot be read")
                .hasMessageContaining("every TaskManager");
        assertThatThrownBy(() -> WebhookEndpoint.parse("${env:OUTCRY_TEST_NO_SUCH_VARIABLE}").uri())
                .hasMessageContaining("environment variable OUTCRY_TEST_NO_SUCH_VARIABLE, which is not set");
    }
}
