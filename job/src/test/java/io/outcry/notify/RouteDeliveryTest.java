package io.outcry.notify;

import static io.outcry.notify.RouteFixtures.at;
import static io.outcry.notify.RouteFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcry.connectors.webhook.WebhookRetry;
import io.outcry.detect.AlertEvent;
import io.outcry.index.AlertDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A routing file in a real bounded Flink job (MiniCluster, parallelism 2) against local servers
 * that speak each destination's API: PagerDuty Events v2, a Teams Workflows webhook, Slack and a
 * generic webhook, and an SMTP server with STARTTLS and AUTH.
 */
class RouteDeliveryTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final WebhookRetry QUICK = new WebhookRetry(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1));

    /** One certificate for the class: keytool takes seconds on a loaded machine. */
    @TempDir
    static Path certificates;
    private static Path keyStore;
    @TempDir
    Path dir;
    private ApiStandIn.PagerDuty pagerDuty;
    private ApiStandIn teams;
    private ApiStandIn slack;
    private ApiStandIn audit;
    private SmtpStandIn smtp;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = SmtpStandIn.keyStore(certificates);
    }

    @BeforeEach
    void startServers() throws Exception {
        pagerDuty = ApiStandIn.pagerDuty();
        teams = ApiStandIn.teams();
        slack = ApiStandIn.webhook();
        audit = ApiStandIn.webhook();
        smtp = new SmtpStandIn(SmtpStandIn.serverContext(keyStore), "outcry", "s3cret");
        Files.writeString(dir.resolve("pd-key"), "R0UT1NGK3Y\n");
        Files.writeString(dir.resolve("smtp-password"), "s3cret\n");
        Files.writeString(dir.resolve("audit-token"), "Bearer t0k3n\n");
    }

    @AfterEach
    void stopServers() throws Exception {
        pagerDuty.close();
        teams.close();
        slack.close();
        audit.close();
        smtp.close();
    }

    String routes() {
        return """
                destinations:
                  pager:
                    type: pagerduty
                    url: %s
                    routing_key: ${file:%s/pd-key}
                  ops-teams:
                    type: teams
                    url: %s
                  team-slack:
                    type: slack
                    url: %s
                  audit:
                    type: webhook
                    url: %s
                    headers:
                      Authorization: ${file:%s/audit-token}
                  night-mail:
                    type: email
                    smtp_host: 127.0.0.1
                    smtp_port: %d
                    from: outcry@example.com
                    to: [oncall@example.com, brand@example.com]
                    username: outcry
                    password: ${file:%s/smtp-password}
                    quiet_hours: "22:00-07:00"
                    time_zone: Europe/Rome
                routes:
                  - brands: [windtre]
                    kinds: [zone]
                    to: [pager, ops-teams]
                  - kinds: [spike]
                    min_severity: 6
                    to: [team-slack]
                  - to: [audit, night-mail]
                """.formatted(pagerDuty.url(), dir, teams.url(), slack.url(), audit.url(), dir, smtp.port(), dir);
    }

    static final List<AlertEvent> EVENTS = List.of(
            event("windtre", "zone", "z", "open", 0, 8, at("2026-12-01T10:00:00Z")),
            event("windtre", "brand", "s", "open", 0, 7, at("2026-12-01T10:05:00Z")),
            event("windtre", "zone", "z", "resolve", 3, 0, at("2026-12-01T10:30:00Z")),
            event("windtre", "brand", "s", "resolve", 2, 0, at("2026-12-01T10:40:00Z")),
            // 23:30 and midnight in Rome: the mail waits for 07:00 there.
            event("windtre", "brand", "n", "open", 0, 3, at("2026-12-01T22:30:00Z")),
            event("windtre", "brand", "n", "resolve", 1, 0, at("2026-12-01T23:00:00Z")));

    @Test
    void deliversEachAlertWhereItsRoutesSayInEachApisOwnPayloadThroughRetriesAndA429() throws Exception {
        pagerDuty.server().script(new ApiStandIn.Reply(429, "{\"status\":\"throttle event\"}", Map.of("Retry-After", "0")));
        teams.script(ApiStandIn.Reply.of(500, "busy"));
        smtp.refuseData("451 4.3.0 try again later");

        run(Routing.parse("routes.yaml", routes(), System::getenv), EVENTS);

        // PagerDuty: one incident for the zone, opened once and resolved once, after a 429.
        assertThat(pagerDuty.requests()).hasSize(3);
        assertThat(pagerDuty.opened()).isEqualTo(Map.of("windtre|z|*|2026-12-01T00:00:00Z", 1));
        assertThat(pagerDuty.resolved()).isEqualTo(Map.of("windtre|z|*|2026-12-01T00:00:00Z", 1));
        JsonNode trigger = pagerDuty.requests().get(1).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo("R0UT1NGK3Y");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("summary").asText()).startsWith("Outage zone: windtre down in Campania");

        // Teams: the zone's open and resolve as Adaptive Cards, after a 500.
        assertThat(teams.requests()).hasSize(3);
        assertThat(teams.requests().get(2).json().path("attachments").path(0).path("content").path("body").path(0).path("text").asText())
                .startsWith("Closed: windtre outage zone");

        // Slack: the severe spike opens there, and its resolve (severity 0) follows it.
        assertThat(slack.requests()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("windtre|s|*|2026-12-01T00:00:00Z#0", "windtre|s|*|2026-12-01T00:00:00Z#2");
        assertThat(slack.requests().get(0).json().path("text").asText()).startsWith("Complaint spike: windtre");

        // The generic webhook: every event as the alerts topic carries it, with its header secret read from a file.
        // Alerts travel in parallel, so only each alert's own events keep their order.
        assertThat(audit.requests()).extracting(ApiStandIn.Request::body)
                .containsExactlyInAnyOrderElementsOf(EVENTS.stream().map(e -> new String(AlertDocuments.json(e), StandardCharsets.UTF_8)).toList());
        assertThat(audit.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer t0k3n"));
        assertThat(audit.requests()).extracting(r -> r.header("Idempotency-Key")).filteredOn(id -> id.startsWith("windtre|z"))
                .containsExactly("windtre|z|*|2026-12-01T00:00:00Z#0", "windtre|z|*|2026-12-01T00:00:00Z#3");

        // Email over STARTTLS with AUTH: four in the day, the night's two events in one digest at 07:00 Rome, after a 451.
        assertThat(smtp.transactions()).isEqualTo(6);
        assertThat(smtp.mails()).hasSize(5).allSatisfy(mail -> {
            assertThat(mail.overTls()).isTrue();
            assertThat(mail.to()).containsExactly("oncall@example.com", "brand@example.com");
        });
        SmtpStandIn.Mail digest = smtp.mails().get(4);
        assertThat(digest.headers().get("Subject")).isEqualTo("[Outcry] 2 alert events held by quiet hours since 1 Dec 22:30 UTC");
        assertThat(digest.text()).contains("windtre|n|*|2026-12-01T00:00:00Z", "night-mail|digest|2026-12-02T06:00:00Z");
    }

    @Test
    void givesUpAtOnceWhenPagerDutyRefusesAnEventAsInvalid() throws Exception {
        Files.writeString(dir.resolve("pd-key"), "\n");

        run(Routing.parse("routes.yaml", routes(), System::getenv), EVENTS.subList(0, 1));

        assertThat(pagerDuty.requests()).as("a 400 is not retried").hasSize(1);
        assertThat(pagerDuty.opened()).isEmpty();
    }

    @Test
    void neverSendsTheSmtpPasswordToAServerThatDoesNotOfferStartTls() throws Exception {
        smtp.close();
        smtp = new SmtpStandIn(null, "outcry", "s3cret");

        run(Routing.parse("routes.yaml", routes(), System::getenv), EVENTS.subList(0, 1));

        assertThat(smtp.transactions()).as("refused before MAIL FROM, not retried").isZero();
        assertThat(smtp.mails()).isEmpty();
    }

    @Test
    void givesUpOnAPermanentSmtpRefusalAndRetriesATemporaryOne() throws Exception {
        smtp.refuseData("554 5.7.1 message refused", "451 4.3.0 try again later");

        run(Routing.parse("routes.yaml", routes(), System::getenv), EVENTS.subList(0, 2));

        // The first mail is refused for good (one transaction); the second is refused once, then accepted.
        assertThat(smtp.transactions()).isEqualTo(3);
        assertThat(smtp.mails()).hasSize(1);
    }

    private void run(Routing routing, List<AlertEvent> events) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        DataStream<AlertEvent> alerts = env.fromData(TypeInformation.of(AlertEvent.class), events.toArray(AlertEvent[]::new))
                .setParallelism(1).name("alerts").uid("alerts")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AlertEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((event, previous) -> event.eventTime()))
                .setParallelism(1)
                // As the detectors emit them: each alert's events from one subtask, in order.
                .keyBy(AlertEvent::alertId, Types.STRING);
        new AlertRouter(routing, QUICK, SmtpStandIn.trusting(keyStore)).attach(alerts, "Routes", "routes");
        env.execute("routing");
    }
}
