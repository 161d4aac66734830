package io.outcry.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Live progress lines on stderr, read from the job's counters. */
final class Progress {

    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final PrintStream out;
    private Counts last = new Counts(0, 0, 0, 0, 0);
    private long lastAt = System.nanoTime();
    private long firstPostAt;
    private long lastPostAt;
    private double peakRate;

    Progress(PrintStream out) {
        this.out = out;
    }

    void say(String format, Object... args) {
        out.printf(Locale.ROOT, "%s demo: %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(Locale.ROOT, format, args));
    }

    /** Reports until the firehose is done or, when given, the deadline (System.nanoTime) passes. */
    Counts watch(Future<?> firehose, Long deadline) throws InterruptedException {
        while (!firehose.isDone() && (deadline == null || System.nanoTime() < deadline)) {
            sleepUntilNextReport(deadline);
            report();
        }
        return last;
    }

    /**
     * Waits until the job has read every record the simulator wrote and indexing has settled
     * (a window written, then no new one over two checkpoints), or the timeout passes. Windows
     * come a while after their posts are read, longer on a busy machine: quiet before the first
     * one is not settled.
     */
    Counts drain(long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 6) {
            long windowsBefore = last.windows();
            sleepUntilNextReport(deadline);
            report();
            quiet = last.records() >= records && last.windows() > 0 && last.windows() == windowsBefore ? quiet + 1 : 0;
        }
        if (last.records() < records) {
            say("the job read %,d of the %,d records written before time ran out", last.records(), records);
        }
        return last;
    }

    /** Posts per second from the first post read to the last. */
    double averageRate() {
        return lastPostAt > firstPostAt ? last.posts() / ((lastPostAt - firstPostAt) / 1e9) : 0;
    }

    double peakRate() {
        return peakRate;
    }

    private void sleepUntilNextReport(Long deadline) throws InterruptedException {
        long wait = EVERY_NANOS;
        if (deadline != null) {
            wait = Math.max(0, Math.min(wait, deadline - System.nanoTime()));
        }
        TimeUnit.NANOSECONDS.sleep(wait);
    }

    private void report() {
        Counts now = Counts.now();
        long at = System.nanoTime();
        double seconds = Math.max(1e-3, (at - lastAt) / 1e9);
        double rate = (now.posts() - last.posts()) / seconds;
        if (now.posts() > last.posts()) {
            firstPostAt = firstPostAt == 0 ? lastAt : firstPostAt;
            lastPostAt = at;
            peakRate = Math.max(peakRate, rate);
        }
        say("%,d posts (%,.0f/s), %,d windows written, %,d dead letters (%,d malformed, %,d too late, %,d refused by ES)",
                now.posts(), rate, now.windows(), now.deadLetters(),
                now.malformed(), now.tooLate(), now.rejected());
        last = now;
        lastAt = at;
    }
}
