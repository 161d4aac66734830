package io.outcry.notify;

import static io.outcry.notify.RouteFixtures.at;
import static io.outcry.notify.RouteFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.detect.AlertEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantees across a restart: a real Flink job (MiniCluster, parallelism 2,
 * checkpoints every 200 ms) routes 40 alerts, each opening and resolving a minute of event time
 * later and most within one checkpoint, to every kind of destination, and fails once after a
 * checkpoint.
 */
class RouteRestartTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final int ALERTS = 40;
    static final long T0 = at("2026-12-01T08:00:00Z");
    /** Set by the failing map, which runs in this JVM inside the MiniCluster. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @TempDir
    Path dir;
    private ApiStandIn.PagerDuty pagerDuty;
    private ApiStandIn teams;
    private ApiStandIn slack;
    private ApiStandIn webhook;
    private SmtpStandIn smtp;
    private Path keyStore;

    @BeforeEach
    void startServers() throws Exception {
        FAILED_ONCE.set(false);
        pagerDuty = ApiStandIn.pagerDuty();
        teams = ApiStandIn.teams();
        slack = ApiStandIn.webhook();
        webhook = ApiStandIn.webhook();
        keyStore = SmtpStandIn.keyStore(dir);
        smtp = new SmtpStandIn(SmtpStandIn.serverContext(keyStore), null, null);
        Files.writeString(dir.resolve("pd-key"), "R0UT1NGK3Y");
    }

    @AfterEach
    void stopServers() throws Exception {
        pagerDuty.close();
        teams.close();
        slack.close();
        webhook.close();
        smtp.close();
    }

    /** Event k: alert k/2 opens (even k) or resolves (odd k), a minute of event time apart. */
    static AlertEvent alertEvent(long k) {
        String alert = "a" + (k / 2);
        long time = T0 + k * 60_000;
        return k % 2 == 0 ? event("acme", "brand", alert, "open", 0, 9, time) : event("acme", "brand", alert, "resolve", 1, 0, time);
    }

    @Test
    void opensAndResolvesEachPagerDutyIncidentOnceAndRepeatsAnyOtherMessageAtMostOnceAcrossARestart() throws Exception {
        Routing routing = Routing.parse("routes.yaml", """
                destinations:
                  pager: {type: pagerduty, url: "%s", routing_key: "${file:%s/pd-key}"}
                  ops-teams: {type: teams, url: "%s"}
                  team-slack: {type: slack, url: "%s"}
                  audit: {type: webhook, url: "%s"}
                  mail: {type: email, smtp_host: 127.0.0.1, smtp_port: %d, from: outcry@example.com, to: [oncall@example.com]}
                routes:
                  - to: [pager, ops-teams, team-slack, audit, mail]
                """.formatted(pagerDuty.url(), dir, teams.url(), slack.url(), webhook.url(), smtp.port()), System::getenv);

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        // Four events per checkpoint, however slow the machine: checkpoints complete before and after
        // the failure, and most alerts open and resolve between two of them.
        DataStream<AlertEvent> alerts = env.fromSource(
                        new DataGeneratorSource<>(RouteRestartTest::alertEvent, 2L * ALERTS, RateLimiterStrategy.perCheckpoint(4),
                                TypeInformation.of(AlertEvent.class)),
                        WatermarkStrategy.<AlertEvent>forMonotonousTimestamps().withTimestampAssigner((e, previous) -> e.eventTime()),
                        "alerts")
                .setParallelism(1).uid("alerts")
                .map(new FailOnceAfterACheckpoint()).setParallelism(1).name("fail once").uid("fail-once")
                .keyBy(AlertEvent::alertId, Types.STRING);
        new AlertRouter(routing, RouteDeliveryTest.QUICK, SmtpStandIn.trusting(keyStore)).attach(alerts, "Routes", "routes");

        env.execute("routing across a restart");

        assertThat(FAILED_ONCE).as("the job failed once and restarted").isTrue();
        List<String> alertIds = IntStream.range(0, ALERTS).mapToObj(k -> alertEvent(2L * k).alertId()).toList();
        Map<String, Integer> once = alertIds.stream().collect(Collectors.toMap(Function.identity(), id -> 1));
        assertThat(pagerDuty.opened()).as("incidents opened").isEqualTo(once);
        assertThat(pagerDuty.resolved()).as("incidents resolved").isEqualTo(once);

        List<String> deliveryIds = IntStream.range(0, 2 * ALERTS).mapToObj(k -> SlackMessage.deliveryId(alertEvent(k))).toList();
        assertAtLeastOnceAtMostTwice("webhook", webhook.requests().stream().map(r -> r.header("Idempotency-Key")).toList(), deliveryIds);
        assertAtLeastOnceAtMostTwice("slack", slack.requests().stream().map(r -> r.header("Idempotency-Key")).toList(), deliveryIds);
        assertAtLeastOnceAtMostTwice("teams", teams.requests().stream().map(r -> r.header("Idempotency-Key")).toList(), deliveryIds);
        assertAtLeastOnceAtMostTwice("email", smtp.mails().stream().map(m -> m.headers().get("X-Outcry-Delivery")).toList(), deliveryIds);
    }

    /** Every id arrived, none more than twice; a receiver that drops repeats of an id (the webhook's) acts on each once. */
    private static void assertAtLeastOnceAtMostTwice(String destination, List<String> received, List<String> expected) {
        Map<String, Long> counts = received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.keySet()).as("%s: every delivery arrived, no other", destination).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.values()).as("%s: repeated at most once", destination).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
        System.out.printf("%s: %d deliveries, %d repeated after the restart%n", destination, expected.size(),
                counts.values().stream().filter(n -> n > 1).count());
    }

    /** Passes alert events on and fails the job once: two checkpoints after the start, two events past a barrier. */
    static final class FailOnceAfterACheckpoint implements MapFunction<AlertEvent, AlertEvent>, CheckpointedFunction,
            CheckpointListener {

        private int sinceBarrier;
        private int checkpointsCompleted;

        @Override
        public AlertEvent map(AlertEvent event) throws Exception {
            if (++sinceBarrier >= 2 && checkpointsCompleted >= 2 && FAILED_ONCE.compareAndSet(false, true)) {
                // Time for the sinks to send what came since the checkpoint, so the restart has repeats to make.
                Thread.sleep(300);
                throw new IllegalStateException("failing once on purpose at " + event.alertId());
            }
            return event;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            sinceBarrier = 0;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointsCompleted++;
        }
    }
}
