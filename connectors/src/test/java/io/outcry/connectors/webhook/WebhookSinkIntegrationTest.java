package io.outcry.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink in a real bounded Flink job (MiniCluster, two writers) against a real HTTP server. */
class WebhookSinkIntegrationTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversEveryElementOfABoundedJobOnceAndEachWritersInStreamOrder() throws Exception {
        int count = 60;
        // A slow receiver: most deliveries are still queued when the input ends.
        receiver.delayEachRequest(Duration.ofMillis(10)).reply(WebhookReceiver.Reply.status(503));

        JobExecutionResult result = run(IntStream.range(0, count).boxed().toArray(Integer[]::new));

        List<Integer> received = receiver.bodies().stream().map(WebhookSinkIntegrationTest::number).toList();
        // The 503 answered one element's first attempt; its retry is a second request for it.
        assertThat(received).hasSize(count + 1);
        assertThat(received.stream().distinct().sorted().toList())
                .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        // The source is one subtask and round-robins over the two writers: one gets the even
        // numbers, the other the odd ones, and each writer's deliveries arrive in stream order.
        assertThat(received.stream().filter(n -> n % 2 == 0).distinct().toList()).isSorted();
        assertThat(received.stream().filter(n -> n % 2 == 1).distinct().toList()).isSorted();
        assertThat(counted(result.getJobID(), WebhookMetrics.DELIVERED)).isEqualTo(count);
        assertThat(counted(result.getJobID(), WebhookMetrics.FAILED)).isZero();
        assertThat(counted(result.getJobID(), WebhookMetrics.DROPPED)).isZero();
    }

    private JobExecutionResult run(Integer... numbers) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.fromData(numbers).setParallelism(1).name("numbers").uid("numbers")
                .rebalance()
                .sinkTo(WebhookSink.<Integer>builder()
                        .url(receiver.url())
                        .bodyMapper(n -> ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8))
                        .deliveryId(n -> "n" + n)
                        .retry(new WebhookRetry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)))
                        .build())
                .name("webhook").uid("webhook");
        return env.execute("webhook delivery");
    }

    private static int number(String body) {
        return Integer.parseInt(body.replaceAll("\\D", ""));
    }

    /** Sum of a counter over both writers of the job. */
    private static long counted(JobID job, String counter) {
        Map<String, Metric> metrics = METRICS.findMetrics(job, counter);
        assertThat(metrics).as("%s counters of job %s", counter, job).hasSize(2);
        return metrics.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
