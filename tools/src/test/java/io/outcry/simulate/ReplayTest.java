package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final Instant START = Instant.parse("2026-11-20T17:00:00Z");

    /** A clock that only moves when the replay sleeps, or when the test says so. */
    private static final class ManualClock implements Replay.WallClock {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private static SimulatedRecord emittedAfter(long millis) {
        long t = START.toEpochMilli() + millis;
        return new SimulatedRecord(t, t, new byte[0], new byte[0], SimulatedRecord.Kind.POST, false, null);
    }

    @Test
    void emitsEachRecordWhenTheScaledSimulatedClockReachesIt() {
        ManualClock clock = new ManualClock();
        List<Long> sentAt = new ArrayList<>();
        Replay replay = new Replay(r -> sentAt.add(clock.now), START, 60, new PrintWriter(new StringWriter()), clock);
        long wallStart = clock.now;

        replay.accept(emittedAfter(0));
        replay.accept(emittedAfter(60_000));
        replay.accept(emittedAfter(120_000));

        assertThat(sentAt).containsExactly(wallStart, wallStart + 1_000_000_000L, wallStart + 2_000_000_000L);
    }

    @Test
    void neverSleepsAtSpeedZero() {
        ManualClock clock = new ManualClock();
        Replay replay = new Replay(r -> { }, START, 0, new PrintWriter(new StringWriter()), clock);

        replay.accept(emittedAfter(0));
        replay.accept(emittedAfter(3_600_000));

        assertThat(clock.sleeps).isEmpty();
        assertThat(replay.written()).isEqualTo(2);
    }

    @Test
    void reportsProgressEveryFewSeconds() {
        ManualClock clock = new ManualClock();
        StringWriter progress = new StringWriter();
        Replay replay = new Replay(r -> clock.now += 1_000_000_000L, START, 0, new PrintWriter(progress), clock);

        for (int i = 0; i < 10; i++) {
            replay.accept(emittedAfter(i * 1_000L));
        }

        assertThat(progress.toString().lines()).hasSize(2);
        assertThat(progress.toString()).contains("5 records written, 1 records/s, event time 2026-11-20T17:00:04Z");
    }
}
