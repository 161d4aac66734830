package io.outcry.dashboards;

import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.pipeline.RunJob;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.IncidentPlan;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The indices the boards read, under their real names, filled once per test JVM: simulator
 * posts (seed 7, 40 minutes: the default ryanair complaint spike and windtre outage in
 * Campania, plus {@link #EXTRA_OUTAGES}) on the shared Kafka broker, the production job
 * ({@link RunJob}, bounded, parallelism 2, local MiniCluster) writing into the shared
 * Elasticsearch node.
 */
final class SimulatedIndices {

    static final Instant FROM = SimulationConfig.DEFAULT_START;
    static final Instant TO = FROM.plus(Duration.ofMinutes(40));
    static final KibanaVegaQuery.TimeRange TIME = KibanaVegaQuery.TimeRange.of(FROM, TO);

    /**
     * Two more operators down in other regions, overlapping the windtre outage, so that the
     * outage-zones board has zones of several brands in several places to show. The zone
     * detector only learns for a brand's first 15 windows, so they start after that.
     */
    static final List<IncidentPlan> EXTRA_OUTAGES = List.of(
            new IncidentPlan(IncidentPlan.Type.OUTAGE, "vodafone", "outage", "IT.09", Duration.ofMinutes(20),
                    Duration.ofMinutes(10), Duration.ofMinutes(4), 0.06, IncidentPlan.DEFAULT_MIN_EXTRA_PER_MINUTE),
            new IncidentPlan(IncidentPlan.Type.OUTAGE, "tim", "outage", "IT.07", Duration.ofMinutes(26),
                    Duration.ofMinutes(8), Duration.ofMinutes(3), 0.05, IncidentPlan.DEFAULT_MIN_EXTRA_PER_MINUTE));

    private static String url;

    private SimulatedIndices() {}

    /** The Elasticsearch URL, after the indices are filled and refreshed. */
    static synchronized String elasticsearch() throws Exception {
        if (url != null) {
            return url;
        }
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        KafkaTopics.ensure(kafka, 2, "boards.posts", "boards.dead-letters", "boards.alerts", "boards.zones");
        List<IncidentPlan> incidents = new ArrayList<>(IncidentPlan.defaultsFor(Duration.between(FROM, TO)));
        incidents.addAll(EXTRA_OUTAGES);
        SimulationConfig config = SimulationConfig.defaults().withSeed(7)
                .withTime(FROM, Duration.between(FROM, TO)).withRates(400, 0.02, 0.03).withIncidents(incidents);
        List<SimulatedRecord> records = new ArrayList<>();
        new FirehoseSimulator(config).run(records::add);
        try (KafkaSink sink = new KafkaSink(kafka, "boards.posts")) {
            records.forEach(sink);
        }
        RunJob run = RunJob.defaults()
                .bootstrapServers(kafka).postsTopic("boards.posts").deadLetterTopic("boards.dead-letters")
                .groupId("boards").startingOffsets("earliest").bounded(true).elasticsearch(es)
                .indexPrefix("outcry-windows").alertsIndex("outcry-alerts").alertsTopic("boards.alerts")
                .zonesIndex("outcry-zones").zonesTopic("boards.zones")
                .postsIndex("outcry-posts")
                // a 40-minute run: short care windows and SLA, so the care board has a series and cases past their SLA
                .careIndex("outcry-care").careCasesIndex("outcry-care-cases")
                .careSla(Duration.ofMinutes(10)).careWindow(Duration.ofMinutes(5))
                .parallelism(2).checkpointInterval(Duration.ofSeconds(2)).jobName("boards");
        StreamExecutionEnvironment env = run.environment(new Configuration());
        run.job().build(env);
        env.execute("boards");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(es + "/outcry-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        url = es;
        return url;
    }
}
