package io.outcry.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookRetryTest {

    private final WebhookRetry retry =
            new WebhookRetry(5, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesTheBackoffUpToItsCap() {
        assertThat(retry.backoffAfter(1, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.backoffAfter(2, 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.backoffAfter(3, 0)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.backoffAfter(4, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.backoffAfter(30, 0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterTakesOffAtMostHalfTheBackoff() {
        assertThat(retry.backoffAfter(2, 0.5)).isEqualTo(Duration.ofMillis(150));
        assertThat(retry.backoffAfter(2, 0.999_999)).isGreaterThan(Duration.ofMillis(100));
    }

    @Test
    void honoursRetryAfterUpToItsCap() {
        assertThat(retry.retryAfter(7)).isEqualTo(Duration.ofSeconds(7));
        assertThat(retry.retryAfter(3600)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void allowsAsManyAttemptsAsConfigured() {
        assertThat(retry.allowsAnotherAttempt(4)).isTrue();
        assertThat(retry.allowsAnotherAttempt(5)).isFalse();
    }

    @Test
    void retriesOverloadAndServerErrorsButNotOtherClientErrors() {
        assertThat(WebhookRetry.isRetryable(429)).isTrue();
        assertThat(WebhookRetry.isRetryable(503)).isTrue();
        assertThat(WebhookRetry.isRetryable(400)).isFalse();
        assertThat(WebhookRetry.isRetryable(404)).isFalse();
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> new WebhookRetry(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts must be at least 1");
    }
}
