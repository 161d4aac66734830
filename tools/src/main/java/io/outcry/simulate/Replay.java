package io.outcry.simulate;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands records to a sink at the pace of the simulated clock, scaled by the speed: a record
 * emitted {@code d} ms after the simulation start goes out {@code d / speed} ms after the
 * replay starts. Speed 0 means as fast as the sink takes them. Every few seconds it prints
 * a progress line.
 */
public final class Replay implements Consumer<SimulatedRecord> {

    /** Wall time, replaceable in tests. */
    public interface WallClock {
        long nanoTime();

        void sleep(long nanos) throws InterruptedException;

        WallClock SYSTEM = new WallClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }

    static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Consumer<SimulatedRecord> sink;
    private final long simStart;
    private final double speed;
    private final PrintWriter progress;
    private final WallClock clock;
    private final long wallStart;
    private long lastReport;
    private long written;
    private long lastEventTime;

    public Replay(Consumer<SimulatedRecord> sink, Instant simStart, double speed, PrintWriter progress, WallClock clock) {
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        this.sink = sink;
        this.simStart = simStart.toEpochMilli();
        this.speed = speed;
        this.progress = progress;
        this.clock = clock;
        this.wallStart = clock.nanoTime();
        this.lastReport = wallStart;
    }

    @Override
    public void accept(SimulatedRecord record) {
        if (speed > 0) {
            long due = wallStart + (long) ((record.emitTime() - simStart) * 1_000_000.0 / speed);
            long wait = due - clock.nanoTime();
            if (wait > 0) {
                try {
                    clock.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted after " + written + " records", e);
                }
            }
        }
        sink.accept(record);
        written++;
        lastEventTime = Math.max(lastEventTime, record.eventTime());
        long now = clock.nanoTime();
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
            lastReport = now;
            report(now);
        }
    }

    /** Prints the final progress line. */
    public void finish() {
        report(clock.nanoTime());
    }

    public long written() {
        return written;
    }

    private void report(long now) {
        double seconds = Math.max(1e-9, (now - wallStart) / 1e9);
        progress.printf(Locale.ROOT, "simulate: %,d records written, %,.0f records/s, event time %s%n",
                written, written / seconds, written == 0 ? "-" : Instant.ofEpochMilli(lastEventTime));
        progress.flush();
    }
}
