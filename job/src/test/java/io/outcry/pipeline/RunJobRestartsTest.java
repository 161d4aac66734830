package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;

/** A failure that comes back at every start ends the job after the restarts allowed, instead of looping. */
class RunJobRestartsTest {

    /** Attempts of the failing task, across restarts: a static, as each attempt gets its own copy of the function. */
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Test
    void aTaskThatAlwaysFailsEndsTheJobAfterTheRestartsAllowed() {
        Configuration quick = new Configuration();
        quick.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = RunJob.fromArgs("--max-restarts", "3", "--restart-interval", "10m", "--parallelism", "1")
                .environment(quick);
        env.fromSequence(1, 1)
                .map(n -> {
                    ATTEMPTS.incrementAndGet();
                    throw new IllegalStateException("a dependency that is gone for good");
                }, Types.LONG)
                .sinkTo(new DiscardingSink<>());

        assertThatThrownBy(() -> env.execute("always fails"))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowableWithMessage(e, "a dependency that is gone for good"))
                        .isPresent());
        assertThat(ATTEMPTS.get()).as("the first attempt and 3 restarts").isEqualTo(4);
    }
}
