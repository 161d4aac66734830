package io.outcry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterReader;
import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.FirehoseSimulator;
import io.outcry.simulate.GroundTruth;
import io.outcry.simulate.KafkaSink;
import io.outcry.simulate.SimulatedRecord;
import io.outcry.simulate.SimulationConfig;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation end to end, with nothing faked: simulator records (malformed and late ones
 * included) on a real Kafka broker, the production job wiring ({@link RunJob}) on a
 * MiniCluster at parallelism 2, a real Elasticsearch node. The documents must hold exactly
 * the counts this test computes from the records, the dead-letter topic exactly the
 * malformed records, and a second run over the same input must leave the same documents.
 */
class FirehoseToElasticsearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WINDOW = Duration.ofMinutes(1).toMillis();
    /** The query docs/zones.md gives for "which zones of windtre are down right now, since when". */
    private static final String ZONES_DOWN_QUERY = """
            {"query": {"bool": {"filter": [{"term": {"brand": "windtre"}}, {"term": {"down": true}}]}},
             "sort": [{"onset": "asc"}],
             "_source": ["zone_id", "status", "onset", "centre", "towns", "provinces", "regions", "unique_authors"]}
            """;

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @Test
    void simulatedFirehoseLandsInElasticsearchExactlyAndAReplayChangesNothing() throws Exception {
        String kafka = LocalStack.sharedKafka().bootstrapServers();
        String es = LocalStack.sharedElasticsearch().url();
        String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String postsTopic = run + ".posts";
        String deadLetterTopic = run + ".dead-letters";
        String indexPrefix = run + "-windows";
        String alertsIndex = run + "-alerts";
        String alertsTopic = run + ".alerts";
        String zonesIndex = run + "-zones";
        String zonesTopic = run + ".zones";
        KafkaTopics.ensure(kafka, 2, postsTopic, deadLetterTopic, alertsTopic, zonesTopic);
        List<String> webhookMessages = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        String careIndex = run + "-care";
        String casesIndex = run + "-care-cases";
        String queueIndex = run + "-care-queue";
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        String postsIndex = run + "-posts";
        UnaryOperator<RunJob> outputs = job -> job.alertsIndex(alertsIndex).alertsTopic(alertsTopic)
                .postsIndex(postsIndex)
                .zonesIndex(zonesIndex).zonesTopic(zonesTopic)
                .careIndex(careIndex).careQueueIndex(queueIndex).careCasesIndex(casesIndex)
                // short SLA and windows so that 40 minutes of firehose breach some, answer some late, and page
                .careSla(Duration.ofMinutes(10)).careWindow(Duration.ofMinutes(10)).careAlerts(20)
                .webhookUrl(hook);

        SimulationConfig config = SimulationConfig.defaults()
                .withSeed(7)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(40))
                .withRates(400, 0.02, 0.03);
        List<SimulatedRecord> records = new ArrayList<>();
        GroundTruth truth = new FirehoseSimulator(config).run(records::add);
        try (KafkaSink sink = new KafkaSink(kafka, postsTopic)) {
            records.forEach(sink);
        }
        assertThat(truth.totals().malformed()).isPositive();
        assertThat(truth.totals().late()).isPositive();

        JobID firstJob = runJob(kafka, es, postsTopic, deadLetterTopic, indexPrefix, run + "-first", outputs);
        Map<String, JsonNode> first = documents(es, indexPrefix + "-*");

        Expected expected = Expected.from(records);
        assertThat(counter(firstJob, "recordsIngested")).isEqualTo(records.size() - expected.malformed.size());
        assertThat(counter(firstJob, "recordsDeadLettered")).isEqualTo(expected.malformed.size());
        assertThat(counter(firstJob, "documentsIndexed")).isGreaterThanOrEqualTo(first.size());
        assertThat(first.keySet()).isEqualTo(expected.windows.keySet());
        expected.windows.forEach((id, counts) -> {
            JsonNode doc = first.get(id);
            assertThat(List.of(doc.get("posts").asLong(), doc.get("complaints").asLong(),
                            doc.get("unique_authors").asLong(), doc.get("retweets").asLong(), doc.get("reach").asLong()))
                    .as("posts, complaints, unique authors, retweets, reach of %s", id)
                    .containsExactly(counts.posts, counts.complaints, (long) counts.authors.size(), counts.retweets, counts.reach);
            assertThat(JSON.convertValue(doc.get("intents"), Map.class)).as("intents of %s", id).isEqualTo(counts.intents);
            assertThat(JSON.convertValue(doc.get("languages"), Map.class)).as("languages of %s", id).isEqualTo(counts.languages);
        });

        // The posts index holds every post behind the windows, each under the window key it was
        // counted in: counting its documents per key gives the windows' counts back.
        Map<String, JsonNode> posts = allDocuments(es, postsIndex + "-*");
        assertThat(posts.keySet()).isEqualTo(expected.branded);
        Map<String, Long> postsPerWindow = new HashMap<>();
        posts.values().forEach(post -> ids(post.get("brands")).forEach(brand -> ids(post.get("topics")).forEach(topic ->
                postsPerWindow.merge(brand + '|' + post.get("region_code").asText() + '|' + topic + '|'
                        + Instant.parse(post.get("window_start").asText()).toEpochMilli(), 1L, Long::sum))));
        assertThat(postsPerWindow).isEqualTo(first.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, doc -> doc.getValue().get("posts").asLong())));
        assertThat(posts.values()).allSatisfy(post -> assertThat(post.get("permalink").asText())
                .isEqualTo("https://x.com/" + post.get("author").get("handle").asText() + "/status/" + post.get("id").asText()));
        assertThat(posts.values()).anySatisfy(post -> assertThat(post.get("location").get("source").asText()).isEqualTo("text"));

        List<DeadLetter> deadLetters = DeadLetterReader.readAll(kafka, deadLetterTopic, Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize((int) truth.totals().malformed());
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_INGEST);
            assertThat(d.topic()).isEqualTo(postsTopic);
            assertThat(d.offset()).isNotNegative();
            assertThat(d.reason()).isNotBlank();
        });
        assertThat(deadLetters.stream().map(d -> new String(d.payload())).sorted().toList())
                .isEqualTo(expected.malformed.stream().sorted().toList());

        // Alerts reach all three destinations: the index (one document per alert), the topic
        // (every event, exactly once), the webhook (opens, reopens and resolves).
        Map<String, JsonNode> alerts = documents(es, alertsIndex);
        Map<String, JsonNode> history = documents(es, alertsIndex + "-history-*");
        assertThat(alerts.values()).anySatisfy(alert -> {
            assertThat(alert.get("brand").asText()).isEqualTo("windtre");
            assertThat(alert.get("region_code").asText()).isEqualTo("IT.04");
        });
        assertThat(history.values().stream().map(event -> event.get("alert_id").asText()).collect(Collectors.toSet()))
                .isEqualTo(alerts.keySet());
        assertThat(KafkaTopics.readAll(kafka, alertsTopic, Duration.ofSeconds(30))).hasSize(history.size());
        long notified = history.values().stream()
                .filter(event -> List.of("open", "reopen", "resolve").contains(event.get("event").asText())).count();
        assertThat(webhookMessages).hasSize((int) notified).allSatisfy(m -> assertThat(m).contains("\"text\""));
        webhook.stop(0);

        // The simulated Campania outage of windtre becomes a zone: one document per zone with a
        // geo_point centre, every event in the history and on the zones topic, and an alert.
        Map<String, JsonNode> zones = documents(es, zonesIndex);
        Map<String, JsonNode> zoneHistory = documents(es, zonesIndex + "-history-*");
        assertThat(zones.values()).anySatisfy(zone -> {
            assertThat(zone.get("brand").asText()).isEqualTo("windtre");
            assertThat(zone.get("status").asText()).isIn("confirmed", "recovering", "resolved");
            assertThat(zone.get("centre").get("lat").asDouble()).isBetween(39.9, 41.5);
            assertThat(zone.get("centre").get("lon").asDouble()).isBetween(13.7, 15.7);
            assertThat(zone.get("regions").toString()).contains("Campania");
        });
        assertThat(zoneHistory.values().stream().map(event -> event.get("zone_id").asText()).collect(Collectors.toSet()))
                .isEqualTo(zones.keySet());
        // A zone cites the outage posts to read first, as the posts index holds them.
        assertThat(zones.values()).allSatisfy(zone -> assertThat(zone.get("examples")).isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .allSatisfy(example -> {
                    JsonNode post = posts.get("twitter:" + example.get("id").asText());
                    assertThat(post).as("cited post %s in the posts index", example.get("id")).isNotNull();
                    assertThat(example.get("text").asText()).isEqualTo(post.get("text").asText());
                    assertThat(example.get("created_at").asText()).isEqualTo(post.get("@timestamp").asText());
                    assertThat(example.get("permalink").asText()).isEqualTo(post.get("permalink").asText());
                    assertThat(post.get("topics").toString()).contains("outage");
                }));
        assertThat(KafkaTopics.readAll(kafka, zonesTopic, Duration.ofSeconds(30))).hasSize(zoneHistory.size());
        assertThat(alerts.keySet()).anyMatch(id -> id.startsWith("zone|windtre|"));
        JsonNode down = JSON.readTree(send(HttpRequest.newBuilder(URI.create(es + "/" + zonesIndex + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ZONES_DOWN_QUERY))));
        assertThat(down.get("hits").get("total").get("value").asLong()).isNotNegative();

        // Customer care: every customer question or complaint addressed to a brand that replies to
        // nothing is a case, one that replies to a post may open one or join a thread (one document
        // each, counted once in the care windows at each scope); the brand replies come from the
        // catalog's official accounts, and every first answer is one of them.
        Map<String, JsonNode> cases = allDocuments(es, casesIndex);
        Map<String, JsonNode> careWindows = documents(es, careIndex + "-2*");
        assertThat(cases.keySet()).containsAll(expected.openers);
        assertThat(expected.openers).isNotEmpty();
        assertThat(cases.keySet()).allMatch(id -> expected.openers.contains(id) || expected.askingReplies.contains(id));
        assertThat(careWindows.values().stream().filter(w -> w.get("scope").asText().equals("brand"))
                .mapToLong(w -> w.get("cases_opened").asLong()).sum()).isEqualTo(cases.size());
        assertThat(careWindows.values().stream().filter(w -> w.get("scope").asText().equals("brand_topic_region"))
                .mapToLong(w -> w.get("cases_opened").asLong()).sum()).isEqualTo(cases.size());
        assertThat(expected.brandReplies.keySet()).isNotEmpty().allSatisfy(account -> assertThat(expected.officialAccounts).contains(account));
        assertThat(careWindows.values().stream().mapToLong(w -> w.get("brand_replies").asLong()).sum())
                .isEqualTo(expected.brandReplies.values().stream().mapToLong(Set::size).sum());
        List<JsonNode> answered = cases.values().stream().filter(c -> c.has("first_response_at")).toList();
        assertThat(answered).anySatisfy(c -> assertThat(c.get("answered_after_sla").asBoolean()).isTrue());
        assertThat(answered).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("response_seconds").asLong()).isNotNegative();
            assertThat(Duration.between(Instant.parse(c.get("opened_at").asText()), Instant.parse(c.get("first_response_at").asText()))
                    .toSeconds()).as("whole seconds from opening to first reply").isEqualTo(c.get("response_seconds").asLong());
            assertThat(expected.replyTimes).as("the first answer is a brand reply of the brand")
                    .contains(c.get("brand").asText() + '|' + Instant.parse(c.get("first_response_at").asText()).toEpochMilli());
            assertThat(c.get("replies").asInt()).isPositive();
        });
        assertThat(cases.values()).allSatisfy(c -> {
            assertThat(c.get("status").asText()).isIn("open", "answered", "unanswered");
            assertThat(Instant.parse(c.get("sla_deadline").asText()))
                    .isEqualTo(Instant.parse(c.get("opened_at").asText()).plus(Duration.ofMinutes(10)));
            assertThat(c.get("answered_after_sla").asBoolean())
                    .isEqualTo(c.has("first_response_at")
                            && Instant.parse(c.get("first_response_at").asText()).isAfter(Instant.parse(c.get("sla_deadline").asText())));
            if (c.get("incident").asBoolean()) {
                assertThat(alerts).containsKey(c.get("alert_id").asText());
            }
        });
        assertThat(cases.values()).as("cases opened during the simulated incidents")
                .anySatisfy(c -> assertThat(c.get("incident").asBoolean()).isTrue());
        assertThat(cases.values()).anySatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("unanswered"));
        assertThat(alerts.values()).as("unanswered-question alerts")
                .anySatisfy(alert -> assertThat(alert.get("level").asText()).isEqualTo("care"));
        assertThat(careWindows.values()).allSatisfy(w -> {
            if (w.has("first_response_p50_seconds")) {
                assertThat(w.get("first_response_p50_seconds").asLong()).isNotNegative()
                        .isLessThanOrEqualTo(w.get("first_response_p90_seconds").asLong());
            }
            assertThat(w.get("incident").get("cases_opened").asLong() + w.get("normal").get("cases_opened").asLong())
                    .isEqualTo(w.get("cases_opened").asLong());
            List<Long> split = new ArrayList<>(longs(w.get("incident").get("response_seconds")));
            split.addAll(longs(w.get("normal").get("response_seconds")));
            assertThat(split).containsExactlyInAnyOrderElementsOf(longs(w.get("response_seconds")));
            assertThat(longs(w.get("response_seconds"))).hasSize(w.get("cases_answered").asInt());
        });
        // Every first response time is in the care windows once per scope, so percentiles across them are the cases' own.
        for (String scope : List.of("brand", "brand_topic_region")) {
            assertThat(careWindows.values().stream().filter(w -> w.get("scope").asText().equals(scope))
                    .flatMap(w -> longs(w.get("response_seconds")).stream()).sorted().toList())
                    .as("response times in the %s windows", scope)
                    .isEqualTo(answered.stream().map(c -> c.get("response_seconds").asLong()).sorted().toList());
        }

        // Each brand's queue as the cases stand at the end: one document per brand with a case.
        Map<String, JsonNode> queues = allDocuments(es, queueIndex);
        Map<String, List<JsonNode>> casesByBrand = cases.values().stream().collect(Collectors.groupingBy(c -> c.get("brand").asText()));
        assertThat(queues.keySet()).isEqualTo(casesByBrand.keySet());
        assertThat(queues.values()).anySatisfy(q -> assertThat(q.get("waiting_past_sla").asLong()).isPositive());
        queues.forEach((brand, queue) -> {
            List<JsonNode> open = casesByBrand.get(brand).stream().filter(c -> c.get("status").asText().equals("open"))
                    .sorted(java.util.Comparator.comparing((JsonNode c) -> c.get("sla_deadline").asText())
                            .thenComparing(c -> c.get("case_id").asText())).toList();
            List<JsonNode> breached = casesByBrand.get(brand).stream().filter(c -> c.get("status").asText().equals("unanswered"))
                    .sorted(java.util.Comparator.comparing((JsonNode c) -> c.get("sla_deadline").asText()).reversed()
                            .thenComparing(c -> c.get("case_id").asText())).toList();
            assertThat(queue.get("waiting_within_sla").asLong()).as(brand).isEqualTo(open.size());
            assertThat(queue.get("waiting_past_sla").asLong()).as(brand).isEqualTo(breached.size());
            assertThat(queue.get("waiting").asLong()).as(brand).isEqualTo(open.size() + breached.size());
            assertThat(caseIds(queue.get("next_due"))).as(brand)
                    .isEqualTo(open.stream().limit(10).map(c -> c.get("case_id").asText()).toList());
            assertThat(caseIds(queue.get("latest_breached"))).as(brand)
                    .isEqualTo(breached.stream().limit(10).map(c -> c.get("case_id").asText()).toList());
            java.util.Optional<Instant> oldest = java.util.stream.Stream.concat(
                    open.stream().map(c -> Instant.parse(c.get("opened_at").asText())),
                    breached.stream().map(c -> Instant.parse(c.get("opened_at").asText()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
                    .min(java.util.Comparator.naturalOrder());
            assertThat(oldest.map(Instant::toString).orElse(null))
                    .isEqualTo(queue.has("oldest_waiting_at") ? Instant.parse(queue.get("oldest_waiting_at").asText()).toString() : null);
        });

        // The replay also reads deletions made after the firehose ended: three posts the windows show
        // and the opening post of an answered case. They leave the examples and the case; nothing
        // else may move, the counts included.
        String deletionsTopic = run + ".deletions";
        KafkaTopics.ensure(kafka, 2, deletionsTopic);
        Set<String> deleted = new TreeSet<>(first.values().stream().flatMap(doc -> ids(doc.get("example_post_ids")).stream())
                .distinct().sorted().limit(3).toList());
        String answeredCase = cases.entrySet().stream().filter(c -> c.getValue().get("status").asText().equals("answered"))
                .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
        deleted.add(cases.get(answeredCase).get("case_id").asText());
        String waitingCase = cases.entrySet().stream().filter(c -> c.getValue().get("waiting").asBoolean())
                .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
        deleted.add(cases.get(waitingCase).get("case_id").asText());
        String zoneExample = zones.values().stream().flatMap(zone -> ids(zone.get("example_post_ids")).stream())
                .filter(id -> !deleted.contains(id)).sorted().findFirst().orElseThrow();
        deleted.add(zoneExample);
        Instant deletedAt = SimulationConfig.DEFAULT_START.plus(Duration.ofMinutes(41));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String id : deleted) {
                producer.send(new ProducerRecord<>(deletionsTopic, ("twitter:" + id).getBytes(StandardCharsets.UTF_8),
                        ("{\"platform\": \"twitter\", \"id\": \"" + id + "\", \"deleted_at\": \"" + deletedAt + "\"}")
                                .getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        // The replay writes alerts and zones to indices of its own, so that a document only the
        // first run wrote cannot hide among the replay's.
        runJob(kafka, es, postsTopic, deadLetterTopic, indexPrefix, run + "-second", job -> job
                .deletionsTopic(deletionsTopic)
                .postsIndex(postsIndex)
                .alertsIndex(alertsIndex + "-replay").alertsTopic(alertsTopic)
                .zonesIndex(zonesIndex + "-replay").zonesTopic(zonesTopic)
                .careSla(Duration.ofMinutes(10)).careWindow(Duration.ofMinutes(10)).careAlerts(20)
                // patterns of the replay's templates must not overlap the first run's at the same priority
                .careIndex(run + "-replaycare").careQueueIndex(run + "-replaycare-queue").careCasesIndex(run + "-replaycare-cases"));
        Map<String, JsonNode> replayedCases = allDocuments(es, run + "-replaycare-cases");
        assertThat(replayedCases.keySet()).as("a replay opens the same cases").containsAll(expected.openers)
                .allMatch(id -> expected.openers.contains(id) || expected.askingReplies.contains(id));
        JsonNode withdrawn = replayedCases.get(answeredCase);
        assertThat(withdrawn.get("status").asText()).as("the answered case whose question was deleted").isEqualTo("deleted");
        assertThat(withdrawn.get("customer").isNull()).isTrue();
        // A brand's queue loses its waiting cases whose opening post was deleted (the waiting case
        // chosen above, and any other deleted post that opened one); every other queue is the same document.
        Map<String, Long> withdrawnWaiting = cases.values().stream()
                .filter(c -> c.get("waiting").asBoolean() && deleted.contains(c.get("case_id").asText()))
                .collect(Collectors.groupingBy(c -> c.get("brand").asText(), Collectors.counting()));
        assertThat(withdrawnWaiting).containsKey(cases.get(waitingCase).get("brand").asText());
        Map<String, JsonNode> replayedQueues = allDocuments(es, run + "-replaycare-queue");
        assertThat(replayedQueues.keySet()).isEqualTo(queues.keySet());
        queues.forEach((brand, queue) -> {
            JsonNode replayed = replayedQueues.get(brand);
            if (!withdrawnWaiting.containsKey(brand)) {
                assertThat(replayed).as("the replay's queue of " + brand).isEqualTo(queue);
                return;
            }
            assertThat(replayed.get("waiting").asLong()).as(brand).isEqualTo(queue.get("waiting").asLong() - withdrawnWaiting.get(brand));
            assertThat(caseIds(replayed.get("next_due"))).as(brand).doesNotContainAnyElementsOf(deleted);
            assertThat(caseIds(replayed.get("latest_breached"))).as(brand).doesNotContainAnyElementsOf(deleted);
        });
        assertSameDocuments(without(alerts, deleted, "explanation"), documents(es, alertsIndex + "-replay"), "alerts");
        assertThat(without(zones, deleted, null)).as("zones that cited a deleted post").isNotEqualTo(zones);
        assertSameDocuments(without(zones, deleted, null), documents(es, zonesIndex + "-replay"), "zones");
        assertThat(first.values()).filteredOn(doc -> ids(doc.get("example_post_ids")).stream().anyMatch(deleted::contains))
                .as("windows that showed a deleted post").isNotEmpty();
        assertSameDocuments(without(first, deleted, null), documents(es, indexPrefix + "-*"), "windows");
        Set<String> kept = new TreeSet<>(expected.branded);
        deleted.forEach(id -> kept.remove("twitter:" + id));
        assertThat(kept).as("deleted posts about a brand").hasSizeLessThan(expected.branded.size());
        assertThat(allDocuments(es, postsIndex + "-*").keySet()).as("the posts index less the deleted posts").isEqualTo(kept);
    }

    /** The same ids with the same content; only the revision, which counts firings, may differ. */
    private static void assertSameDocuments(Map<String, JsonNode> first, Map<String, JsonNode> replayed, String what) {
        assertThat(replayed.keySet()).as("ids of the replay's %s", what).isEqualTo(first.keySet());
        first.forEach((id, doc) -> assertThat(withoutRevision(replayed.get(id))).as("replayed %s %s", what, id)
                .isEqualTo(withoutRevision(doc)));
    }

    private static JobID runJob(String kafka, String es, String postsTopic, String deadLetterTopic, String indexPrefix,
            String groupId, UnaryOperator<RunJob> outputs) throws Exception {
        // every output name comes from outputs, over the run's own ones
        RunJob job = JobRuns.job(kafka, es, groupId, postsTopic, deadLetterTopic).indexPrefix(indexPrefix);
        return JobRuns.run(outputs.apply(job), new Configuration());
    }

    /** A counter summed over the job's subtasks. */
    private static long counter(JobID job, String name) {
        return JobRuns.counter(METRICS, job, name);
    }

    /** Documents by id in the indices matching the pattern. */
    private static Map<String, JsonNode> documents(String es, String indexPattern) throws IOException, InterruptedException {
        String index = es + "/" + indexPattern;
        send(HttpRequest.newBuilder(URI.create(index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode hits = JSON.readTree(send(HttpRequest.newBuilder(URI.create(index + "/_search?size=10000&track_total_hits=true")).GET()))
                .get("hits");
        assertThat(hits.get("total").get("value").asLong()).as("documents fit one page").isLessThan(10_000);
        Map<String, JsonNode> byId = new TreeMap<>();
        hits.get("hits").forEach(hit -> assertThat(byId.put(hit.get("_id").asText(), hit.get("_source")))
                .as("duplicate id %s", hit.get("_id").asText()).isNull());
        return byId;
    }

    /** Documents by id in the index, however many, read with a scroll. */
    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asLong()));
        }
        return values;
    }

    private static List<String> caseIds(JsonNode cases) {
        List<String> ids = new ArrayList<>();
        cases.forEach(c -> ids.add(c.get("case_id").asText()));
        return ids;
    }

    private static Map<String, JsonNode> allDocuments(String es, String index) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        Map<String, JsonNode> byId = new TreeMap<>();
        JsonNode page = JSON.readTree(send(HttpRequest.newBuilder(URI.create(es + "/" + index + "/_search?scroll=1m&size=5000")).GET()));
        while (page.get("hits").get("hits").size() > 0) {
            page.get("hits").get("hits").forEach(hit -> assertThat(byId.put(hit.get("_id").asText(), hit.get("_source")))
                    .as("duplicate id %s", hit.get("_id").asText()).isNull());
            page = JSON.readTree(send(HttpRequest.newBuilder(URI.create(es + "/_search/scroll"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"scroll\": \"1m\", \"scroll_id\": \"" + page.get("_scroll_id").asText() + "\"}"))));
        }
        return byId;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /**
     * Copies of the documents without the deleted posts in their {@code example_post_ids} and
     * {@code examples} (under {@code parent} when given).
     */
    private static Map<String, JsonNode> without(Map<String, JsonNode> docs, Set<String> deleted, String parent) {
        Map<String, JsonNode> copies = new TreeMap<>();
        docs.forEach((id, doc) -> {
            JsonNode copy = doc.deepCopy();
            JsonNode holder = parent == null ? copy : copy.get(parent);
            if (holder != null && holder.has("example_post_ids")) {
                com.fasterxml.jackson.databind.node.ArrayNode kept = ((com.fasterxml.jackson.databind.node.ObjectNode) holder)
                        .putArray("example_post_ids");
                ids(doc.at(parent == null ? "/example_post_ids" : "/" + parent + "/example_post_ids")).stream()
                        .filter(example -> !deleted.contains(example)).forEach(kept::add);
            }
            if (holder != null && holder.has("examples")) {
                com.fasterxml.jackson.databind.node.ArrayNode kept = ((com.fasterxml.jackson.databind.node.ObjectNode) holder)
                        .putArray("examples");
                doc.at(parent == null ? "/examples" : "/" + parent + "/examples").forEach(example -> {
                    if (!deleted.contains(example.get("id").asText())) {
                        kept.add(example);
                    }
                });
            }
            copies.put(id, copy);
        });
        return copies;
    }

    private static JsonNode withoutRevision(JsonNode doc) {
        JsonNode copy = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("revision");
        return copy;
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** What the documents must say, computed here from the records without Flink. */
    private static final class Expected {
        final Map<String, WindowCounts> windows = new HashMap<>();
        final List<String> malformed = new ArrayList<>();
        /** {@code brand|post id} of the customer posts addressed to a brand that ask or complain and reply to nothing: each opens a case. */
        final Set<String> openers = new HashSet<>();
        /** The same for those that reply to a post: each opens a case or joins a thread. */
        final Set<String> askingReplies = new HashSet<>();
        /** The post ids of the simulator's brand replies per account. */
        final Map<String, Set<String>> brandReplies = new HashMap<>();
        /** {@code brand|created_at millis} of every brand reply. */
        final Set<String> replyTimes = new HashSet<>();
        final Set<String> officialAccounts = new HashSet<>();
        /** {@code platform:id} of every post about a brand: the posts behind the windows. */
        final Set<String> branded = new HashSet<>();

        static Expected from(List<SimulatedRecord> records) throws Exception {
            Expected expected = new Expected();
            CanonicalPostJson parser = new CanonicalPostJson();
            Enricher enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
            for (SimulatedRecord record : records) {
                Post post;
                try {
                    post = parser.parse(record.value());
                } catch (InvalidRecordException e) {
                    expected.malformed.add(new String(record.value()));
                    continue;
                }
                EnrichedPost enriched = enricher.enrich(post);
                String handle = post.author().handle();
                // care counts every post of an official account: its replies and its public statements
                if (record.kind() == SimulatedRecord.Kind.REPLY || record.kind() == SimulatedRecord.Kind.STATEMENT) {
                    expected.brandReplies.computeIfAbsent(handle, h -> new HashSet<>()).add(post.id());
                }
                List<String> spokenFor = enricher.brandsOfAccount(post.platform(), handle);
                if (!spokenFor.isEmpty()) {
                    expected.officialAccounts.add(handle);
                    spokenFor.forEach(brand -> expected.replyTimes.add(brand + '|' + post.createdAt()));
                } else if (!post.isRetweet() && (enriched.intent() == io.outcry.enrich.Intent.QUESTION
                        || enriched.intent() == io.outcry.enrich.Intent.COMPLAINT)) {
                    Set<String> into = post.isReply() ? expected.askingReplies : expected.openers;
                    enriched.brands().forEach(brand -> into.add(brand + '|' + post.id()));
                }
                long windowStart = post.createdAt() - Math.floorMod(post.createdAt(), WINDOW);
                if (!enriched.brands().isEmpty()) {
                    expected.branded.add(post.platform() + ':' + post.id());
                }
                for (String brand : enriched.brands()) {
                    for (String topic : enriched.topics()) {
                        String id = brand + '|' + enriched.region().code() + '|' + topic + '|' + windowStart;
                        expected.windows.computeIfAbsent(id, k -> new WindowCounts()).add(enriched);
                    }
                }
            }
            return expected;
        }
    }

    private static final class WindowCounts {
        long posts;
        long complaints;
        long retweets;
        long reach;
        final Set<String> authors = new HashSet<>();
        final Map<String, Integer> intents = new HashMap<>();
        final Map<String, Integer> languages = new HashMap<>();

        void add(EnrichedPost enriched) {
            intents.merge(enriched.intent().id(), 1, Integer::sum);
            languages.merge(enriched.lang(), 1, Integer::sum);
            posts++;
            complaints += enriched.complaint() ? 1 : 0;
            retweets += enriched.post().isRetweet() ? 1 : 0;
            reach += enriched.post().author().followers();
            authors.add(enriched.post().author().id());
        }
    }
}
