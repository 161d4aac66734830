package io.outcry.bench;

import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.pipeline.JobOptions;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.window.KeyedPost;
import io.outcry.window.PostWindows;
import io.outcry.window.WindowKey;
import io.outcry.window.WindowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * Heap per (window key, open pane) of the job's window operator ({@link PostWindows}, heap state
 * backend), on a MiniCluster in this JVM. A feeder sends one simulated post to each of
 * {@code keys} distinct keys, all in one window that never closes during the measurement, and
 * pauses twice: after a tenth of the keys and after all of them. Each pause is marked by a post
 * from long ago that the window operator sends straight to its too-late output, so its arrival
 * there proves every post before it is in the operator's state. The heap after GC at the two
 * pauses differs by the state of nine tenths of the keys: the MiniCluster's own heap cancels out.
 */
final class WindowHeap {

    /** Where the measured posts' window lies: far from the sentinels, so theirs is closed and the measured one open. */
    private static final long OPEN = Instant.parse("2100-01-01T00:00:30Z").toEpochMilli();
    private static final long LONG_AGO = Instant.parse("2000-01-01T00:00:30Z").toEpochMilli();
    private static final String SENTINEL = "bench-sentinel";
    private static final int POSTS = 2_000;

    /** A sentinel reached the too-late output: the state before it is complete. Statics: the MiniCluster runs in this JVM. */
    private static final Semaphore MEASURABLE = new Semaphore(0);
    /** The measurement is taken: the feeder may go on. */
    private static final Semaphore FEED = new Semaphore(0);
    /** What the feeder sends, re-keyed: records are not Java-serializable, so the function reads them here. */
    private static volatile List<KeyedPost> copies = List.of();

    private WindowHeap() {}

    /** Bytes of heap per (key, open pane), each pane holding one post. */
    static double bytesPerKey(int keys, long seed) throws Exception {
        if (keys < 10) {
            throw new IllegalArgumentException("--keys must be at least 10, got " + keys);
        }
        MEASURABLE.drainPermits();
        FEED.drainPermits();
        copies = simulatedCopies(seed);
        int first = keys / 10;
        JobOptions options = JobOptions.defaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        SingleOutputStreamOperator<KeyedPost> posts = env.fromSequence(0, keys - 1)
                .flatMap((Long i, Collector<KeyedPost> out) -> {
                    List<KeyedPost> pool = copies;
                    KeyedPost copy = pool.get((int) (i % pool.size()));
                    out.collect(rekeyed(copy, "bench-key-" + i));
                    if (i == first - 1 || i == keys - 1) {
                        out.collect(rekeyed(copy, SENTINEL));
                        FEED.acquire();
                    }
                }, TypeInformation.of(KeyedPost.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<KeyedPost>forGenerator(context -> new EveryPost())
                        .withTimestampAssigner((post, previous) -> post.key().brand().equals(SENTINEL) ? LONG_AGO : OPEN));
        SingleOutputStreamOperator<WindowResult> windows = PostWindows.aggregate(
                posts, options.windowSize(), options.allowedLateness(), options.maxExamplePosts());
        windows.sinkTo(new DiscardingSink<>());
        windows.getSideOutput(PostWindows.TOO_LATE)
                .map(post -> {
                    MEASURABLE.release();
                    return post;
                }, TypeInformation.of(KeyedPost.class))
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("bench-window-heap");
        try {
            long before = heapAfterGc();
            FEED.release();
            long after = heapAfterGc();
            FEED.release();
            job.getJobExecutionResult().get(10, TimeUnit.MINUTES);
            return (double) (after - before) / (keys - first);
        } catch (Exception e) {
            job.cancel();
            throw e;
        }
    }

    /** Waits for the next sentinel, then collects until the heap in use stops shrinking. */
    private static long heapAfterGc() throws InterruptedException {
        if (!MEASURABLE.tryAcquire(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the window operator did not take the posts within 10 minutes");
        }
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return used;
    }

    /** The window copies of the first simulated posts that name a brand: real texts, authors and places. */
    private static List<KeyedPost> simulatedCopies(long seed) throws Exception {
        Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        CanonicalPostJson parser = new CanonicalPostJson(Duration.ofDays(365_000));
        List<KeyedPost> copies = new ArrayList<>();
        Iterator<SimulatedRecord> records = new FirehoseSimulator(SimulationConfig.defaults().withSeed(seed)).records();
        while (copies.size() < POSTS && records.hasNext()) {
            Post post;
            try {
                post = parser.parse(records.next().value());
            } catch (Exception malformed) {
                continue;
            }
            copies.addAll(KeyedPost.fanOut(enricher.enrich(post)));
        }
        return copies;
    }

    private static KeyedPost rekeyed(KeyedPost copy, String brand) {
        return new KeyedPost(new WindowKey(brand, copy.key().regionCode(), copy.key().topic()), copy.region(), copy.post(),
                copy.lang(), copy.intent(), copy.negative(), copy.complaint(), copy.firstOfPost(), copy.location(),
                copy.timeliness());
    }

    /** A watermark after every post, so the sentinel behind the posts is late by the time it arrives. */
    private static final class EveryPost implements WatermarkGenerator<KeyedPost> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(KeyedPost post, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
