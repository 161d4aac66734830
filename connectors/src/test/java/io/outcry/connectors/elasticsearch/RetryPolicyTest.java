package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(RetryPolicy.DEFAULT::backoffAfter).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void retriesTooManyRequestsAndServerErrorsOnly() {
        assertThat(RetryPolicy.isRetryable(429)).isTrue();
        assertThat(RetryPolicy.isRetryable(500)).isTrue();
        assertThat(RetryPolicy.isRetryable(503)).isTrue();
        assertThat(RetryPolicy.isRetryable(400)).isFalse();
        assertThat(RetryPolicy.isRetryable(404)).isFalse();
        assertThat(RetryPolicy.isRetryable(409)).isFalse();
    }

    @Test
    void treatsBadCredentialsAMissingPrivilegeAndAMissingIndexAsDenied() {
        assertThat(RetryPolicy.isDenied(401)).isTrue();
        assertThat(RetryPolicy.isDenied(403)).isTrue();
        assertThat(RetryPolicy.isDenied(404)).isTrue();
        assertThat(RetryPolicy.isDenied(400)).isFalse();
        assertThat(RetryPolicy.isDenied(429)).isFalse();
    }

    @Test
    void refusesAMaxBackoffShorterThanTheInitialOne() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff");
    }
}
