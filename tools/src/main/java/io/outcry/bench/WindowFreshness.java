package io.outcry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.RunJob;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * From a window's firing to its document answering a search, measured from outside the whole
 * job as shipped. The bench writes the simulator's firehose to a fresh topic at {@link #SPEED}
 * times real time, each record to a partition it chooses, while the job runs unbounded. A window
 * fires when the job's watermark passes its end, and the watermark is the lowest partition's
 * newest event time less the allowed out-of-orderness: the bench knows that from the records
 * Kafka acknowledged, so it knows when each window end was passed. Meanwhile it counts the window
 * documents per window end with a search every {@link #POLL}; each new document's latency is the
 * time it was first counted less its window's firing. The firing is taken when the record that
 * passes it was acknowledged, before the job has read it, so the figure errs high, never low.
 */
final class WindowFreshness {

    /** 30 simulated seconds a second: a window closes every 2 s, at 150 posts/s, far below the job's ceiling. */
    static final double SPEED = 30;
    /** Simulated time before the first measured window: the job starting and the pipeline filling. */
    static final Duration WARM_UP = Duration.ofMinutes(3);
    /** Simulated time of the paced firehose, warm-up included, unless the bench is given another. */
    static final Duration SPAN = Duration.ofMinutes(12);
    static final Duration POLL = Duration.ofMillis(100);
    /** How long documents may keep appearing after the last record. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Result(int windows, int documents, double p50Millis, double p99Millis) {}

    private WindowFreshness() {}

    /**
     * Runs {@code job}, unbounded, on {@code topic} while writing {@code span} of the firehose to it;
     * its windows' index is {@code <run>-windows-*}.
     */
    static Result measure(RunJob job, String kafka, String es, String run, String topic, int partitions, long seed,
            Duration span) throws Exception {
        if (span.compareTo(WARM_UP) <= 0) {
            throw new IllegalArgumentException("a firehose of " + span + " ends within the " + WARM_UP + " warm-up: nothing to measure");
        }
        JobOptions options = job.jobOptions();
        long window = options.windowSize().toMillis();
        long outOfOrderness = options.maxOutOfOrderness().toMillis();
        SimulationConfig config = SimulationConfig.defaults().withSeed(seed)
                .withTime(SimulationConfig.DEFAULT_START, span);
        long measuredFrom = config.start().toEpochMilli() + WARM_UP.toMillis();

        StreamExecutionEnvironment env = job.environment(new Configuration());
        job.job().build(env);
        JobClient client = env.executeAsync(run);
        awaitRunning(client);
        Map<Long, Long> firedAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        try {
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    produce(kafka, topic, partitions, config, window, outOfOrderness, measuredFrom, firedAt);
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "bench-freshness-producer");
            producer.start();
            Map<Long, Long> counted = new HashMap<>();
            long settleUntil = Long.MAX_VALUE;
            long lastNew = System.nanoTime();
            while (System.nanoTime() < settleUntil) {
                long before = System.nanoTime();
                long now = System.currentTimeMillis();
                for (Map.Entry<Long, Long> end : documentsPerWindowEnd(es, run + "-windows-*", measuredFrom).entrySet()) {
                    long added = end.getValue() - counted.getOrDefault(end.getKey(), 0L);
                    if (added > 0) {
                        // searchable before the bench saw its firing: the estimate was late, so say 0 rather than wait
                        long fired = firedAt.getOrDefault(end.getKey(), now);
                        counted.put(end.getKey(), end.getValue());
                        for (long i = 0; i < added; i++) {
                            latencies.add(now - fired);
                        }
                        lastNew = System.nanoTime();
                    }
                }
                if (!producer.isAlive() && settleUntil == Long.MAX_VALUE) {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    settleUntil = System.nanoTime() + SETTLE.toNanos();
                }
                if (!producer.isAlive() && System.nanoTime() - lastNew > TimeUnit.SECONDS.toNanos(15)) {
                    break;
                }
                Thread.sleep(Math.max(0, POLL.toMillis() - (System.nanoTime() - before) / 1_000_000));
            }
        } finally {
            client.cancel().get(1, TimeUnit.MINUTES);
        }
        if (latencies.isEmpty()) {
            throw new IllegalStateException("no window document became searchable within " + SETTLE.toSeconds() + " s of the last record");
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(firedAt.size(), sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /**
     * Writes the firehose at {@link #SPEED}, round robin over the partitions, and notes when each
     * measured window end is passed by every partition's newest acknowledged event time.
     */
    private static void produce(String kafka, String topic, int partitions, SimulationConfig config, long window,
            long outOfOrderness, long measuredFrom, Map<Long, Long> firedAt) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long[] newest = new long[partitions];
        Arrays.fill(newest, Long.MIN_VALUE);
        long[] nextEnd = {(measuredFrom / window + 1) * window};
        long simStart = config.start().toEpochMilli();
        long wallStart = System.nanoTime();
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Iterator<SimulatedRecord> records = new FirehoseSimulator(config).records();
            while (records.hasNext()) {
                SimulatedRecord record = records.next();
                long due = wallStart + (long) ((record.emitTime() - simStart) * 1_000_000 / SPEED);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int partition = sent++ % partitions;
                boolean timed = record.malformation() == null;
                producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value()), (metadata, e) -> {
                    if (e != null || !timed) {
                        return;
                    }
                    synchronized (newest) {
                        newest[partition] = Math.max(newest[partition], record.eventTime());
                        long lowest = Arrays.stream(newest).min().orElseThrow();
                        if (lowest == Long.MIN_VALUE) {
                            return; // a partition without a record yet holds the watermark back
                        }
                        long watermark = lowest - outOfOrderness - 1;
                        // a window [start, end) fires once the watermark reaches end - 1
                        while (watermark >= nextEnd[0] - 1) {
                            firedAt.put(nextEnd[0], System.currentTimeMillis());
                            nextEnd[0] += window;
                        }
                    }
                });
            }
        }
    }

    /** Once the job's tasks are deployed, so that its start-up is not counted as latency. */
    private static void awaitRunning(JobClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline || client.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException("the job did not start: " + client.getJobStatus().get());
            }
            Thread.sleep(200);
        }
        Thread.sleep(5_000);
    }

    /**
     * First-firing window documents (revision 0) per window end (epoch ms) after {@code from}, as a
     * search sees them now: a late post's new pane or update (revision 1 and up) is not a firing.
     */
    private static Map<Long, Long> documentsPerWindowEnd(String es, String pattern, long from) throws Exception {
        String query = "{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"range\":{\"window_end\":{\"gt\":" + from + "}}},"
                + "{\"term\":{\"revision\":0}}]}},"
                + "\"aggs\":{\"ends\":{\"terms\":{\"field\":\"window_end\",\"size\":10000}}}}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(es + "/" + pattern + "/_search?ignore_unavailable=true&allow_no_indices=true"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<Long, Long> counts = new HashMap<>();
        if (response.statusCode() != 200) {
            return counts;
        }
        for (JsonNode bucket : JSON.readTree(response.body()).at("/aggregations/ends/buckets")) {
            counts.put(bucket.get("key").asLong(), bucket.get("doc_count").asLong());
        }
        return counts;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
