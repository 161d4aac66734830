package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.stack.LocalStack;
import io.outcry.stack.OutageProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink in a real Flink MiniCluster (parallelism 2) against a real Elasticsearch node. */
class ElasticsearchSinkIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "none"))
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Filled by the sink's writers, which run in this JVM inside the MiniCluster. */
    static final ConcurrentLinkedQueue<DeadLetter> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

    private static String url;
    private static ElasticsearchClient client;
    private String index;

    /** One window of the stream: what the jobs will index, reduced to what the test needs. */
    public record WindowCount(String brand, long count, double lat, double lon, long windowStart) {

        String id() {
            return brand + "@" + windowStart;
        }
    }

    @BeforeAll
    static void connect() {
        url = LocalStack.sharedElasticsearch().url();
        client = ElasticsearchClients.create(List.of(url));
    }

    @AfterAll
    static void disconnect() throws IOException {
        client.close();
    }

    @BeforeEach
    void nameIndexAfterTest(TestInfo test) {
        index = "outcry-it-" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        DEAD_LETTERS.clear();
    }

    private static String template(String indexPattern) {
        return """
                {
                  "index_patterns": ["%s"],
                  "version": 1,
                  "priority": 500,
                  "template": {
                    "settings": {"number_of_shards": 2, "number_of_replicas": 0},
                    "mappings": {
                      "dynamic": "strict",
                      "properties": {
                        "brand": {"type": "keyword"},
                        "count": {"type": "long"},
                        "location": {"type": "geo_point"},
                        "windowStart": {"type": "date", "format": "epoch_millis"}
                      }
                    }
                  }
                }
                """.formatted(indexPattern);
    }

    static byte[] toJson(WindowCount window) {
        ObjectNode source = JSON.createObjectNode()
                .put("brand", window.brand())
                .put("count", window.count())
                .put("windowStart", window.windowStart());
        source.putObject("location").put("lat", window.lat()).put("lon", window.lon());
        try {
            return JSON.writeValueAsBytes(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ElasticsearchSink<WindowCount> sink(String... hosts) {
        return sink(new BulkLimits(37, 5L * 1024 * 1024, Duration.ofMillis(200), 100, 5L * 1024 * 1024), hosts);
    }

    private ElasticsearchSink<WindowCount> sink(BulkLimits limits, String... hosts) {
        String target = index;
        return ElasticsearchSink.<WindowCount>builder()
                .hosts(hosts)
                .documentMapper(window -> new ElasticsearchDocument(target, window.id(), toJson(window), window.windowStart()))
                .bulkLimits(limits)
                .retryPolicy(new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(500)))
                .indexTemplate("outcry-it", template("outcry-it-*"))
                .rejectedDocumentHandler(() -> DEAD_LETTERS::add)
                .build();
    }

    private void run(List<WindowCount> windows, ElasticsearchSink<WindowCount> sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(windows).rebalance().sinkTo(sink).name("elasticsearch");
        env.execute("elasticsearch sink test");
    }

    private static List<WindowCount> windows(int n, long countOffset) {
        List<WindowCount> windows = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> windows.add(
                new WindowCount("brand-" + (i % 7), i + countOffset, 48.85 + i * 0.001, 2.35, 1_700_000_000_000L + i * 60_000L)));
        return windows;
    }

    private long countDocuments() throws IOException {
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    private ObjectNode source(String id) throws IOException {
        return client.get(g -> g.index(index).id(id), ObjectNode.class).source();
    }

    @Test
    void indexesEveryDocumentWithItsFields() throws Exception {
        List<WindowCount> windows = windows(500, 0);

        run(windows, sink(url));

        assertThat(countDocuments()).isEqualTo(500);
        WindowCount sample = windows.get(123);
        ObjectNode source = source(sample.id());
        assertThat(source.get("brand").asText()).isEqualTo(sample.brand());
        assertThat(source.get("count").asLong()).isEqualTo(123);
        assertThat(source.get("windowStart").asLong()).isEqualTo(sample.windowStart());
        assertThat(source.get("location").get("lat").asDouble()).isEqualTo(sample.lat());
        assertThat(DEAD_LETTERS).isEmpty();
    }

    @Test
    void overwritesRatherThanDuplicatesWhenTheSameWindowsAreWrittenAgain() throws Exception {
        run(windows(200, 0), sink(url));
        List<WindowCount> updated = windows(200, 1000);

        run(updated, sink(url));

        assertThat(countDocuments()).isEqualTo(200);
        assertThat(source(updated.get(42).id()).get("count").asLong()).isEqualTo(1042);
    }

    @Test
    void writesADocumentChangedManyTimesBetweenTwoFlushesOnceWithItsLastContent() throws Exception {
        ElasticsearchSink<WindowCount> sink = sink(BulkLimits.DEFAULT.withFlushInterval(Duration.ofHours(1)), url);
        List<WindowCount> versions = new ArrayList<>();
        for (long count = 1; count <= 50; count++) {
            for (String brand : List.of("brand-a", "brand-b")) {
                versions.add(new WindowCount(brand, count, 48.85, 2.35, 1_700_000_000_000L));
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One writer, so that it sees the versions in their order; the end of input is its only flush.
        env.setParallelism(1);
        env.fromData(versions).sinkTo(sink).name("elasticsearch");

        env.execute("coalescing test");

        assertThat(countDocuments()).isEqualTo(2);
        assertThat(client.indices().stats(s -> s.index(index)).all().total().indexing().indexTotal())
                .as("index operations Elasticsearch counted").isEqualTo(2);
        assertThat(source("brand-a@1700000000000").get("count").asLong()).isEqualTo(50);
        assertThat(source("brand-b@1700000000000").get("count").asLong()).isEqualTo(50);
    }

    @Test
    void deletesDocumentsAndCountsOneMissingOrInAnIndexNeverMadeAsDeleted() throws Exception {
        run(windows(20, 0), sink(url));
        String target = index;
        // A negative count stands for a deletion of that window's document.
        ElasticsearchSink<WindowCount> deleting = ElasticsearchSink.<WindowCount>builder()
                .hosts(url)
                .documentMapper(window -> window.count() >= 0
                        ? new ElasticsearchDocument(target, window.id(), toJson(window), window.windowStart())
                        : ElasticsearchDocument.deletion(window.brand().equals("nowhere") ? target + "-never-made" : target,
                                window.id(), window.windowStart()))
                .bulkLimits(new BulkLimits(37, 5L * 1024 * 1024, Duration.ofMillis(200), 100, 5L * 1024 * 1024))
                .rejectedDocumentHandler(() -> DEAD_LETTERS::add)
                .build();
        List<WindowCount> changes = new ArrayList<>();
        for (WindowCount window : windows(20, 0).subList(0, 5)) {
            changes.add(new WindowCount(window.brand(), -1, 0, 0, window.windowStart()));
        }
        changes.add(new WindowCount("brand-0", -1, 0, 0, 42L));
        changes.add(new WindowCount("nowhere", -1, 0, 0, 42L));
        // Written and deleted before one flush: the deletion is the version that stays.
        changes.add(new WindowCount("brand-x", 7, 0, 0, 43L));
        changes.add(new WindowCount("brand-x", -1, 0, 0, 43L));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(changes).sinkTo(deleting).name("elasticsearch");

        env.execute("deletion test");

        assertThat(countDocuments()).isEqualTo(15);
        assertThat(client.exists(e -> e.index(index).id(windows(20, 0).get(0).id())).value()).isFalse();
        assertThat(client.exists(e -> e.index(index).id(windows(20, 0).get(5).id())).value()).isTrue();
        assertThat(client.exists(e -> e.index(index).id("brand-x@43")).value()).isFalse();
        assertThat(DEAD_LETTERS).isEmpty();
    }

    @Test
    void deadLettersADocumentThatConflictsWithTheMappingAndIndexesTheRest() throws Exception {
        List<WindowCount> windows = new ArrayList<>(windows(100, 0));
        WindowCount impossible = new WindowCount("brand-x", 1, 999.0, 2.35, 1_600_000_000_000L);
        windows.add(impossible);

        run(windows, sink(url));

        assertThat(countDocuments()).isEqualTo(100);
        assertThat(DEAD_LETTERS).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.stage()).isEqualTo(DeadLetter.STAGE_INDEX);
            assertThat(deadLetter.reason())
                    .contains(impossible.id(), index, "HTTP 400", "location", "latitude");
            assertThat(deadLetter.payload()).isEqualTo(toJson(impossible));
            assertThat(deadLetter.timestamp()).isEqualTo(impossible.windowStart());
        });
    }

    @Test
    void installsTemplatesIdempotentlyAndTheIndexTakesTheirMapping() throws Exception {
        String templated = "outcry-templated-" + index;
        assertThat(client.indices().existsIndexTemplate(e -> e.name("outcry-templated")).value()).isFalse();

        IndexTemplates.install(List.of(url), Map.of("outcry-templated", template("outcry-templated-*")), List.of());
        IndexTemplates.install(List.of(url), Map.of("outcry-templated", template("outcry-templated-*")), List.of());
        client.indices().create(c -> c.index(templated));

        GetMappingResponse mapping = client.indices().getMapping(m -> m.index(templated));
        var properties = mapping.get(templated).mappings().properties();
        assertThat(properties.get("brand").isKeyword()).isTrue();
        assertThat(properties.get("count").isLong()).isTrue();
        assertThat(properties.get("location").isGeoPoint()).isTrue();
        assertThat(properties.get("windowStart").isDate()).isTrue();
    }

    @Test
    void reportsATemplateElasticsearchRefusesByName() {
        String invalid = "{\"index_patterns\": [\"outcry-it-*\"], \"version\": 1, \"template\": {\"mappings\":"
                + " {\"properties\": {\"brand\": {\"type\": \"no-such-type\"}}}}}";

        assertThatThrownBy(() -> IndexTemplates.install(List.of(url), Map.of("outcry-it-broken", invalid), List.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'outcry-it-broken'")
                .hasMessageContaining("no-such-type");
    }

    @Test
    void waitsOutAThrottlingThenRefusingNodeWithAFullBufferAndThenIndexesEveryDocument() throws Exception {
        IndexTemplates.install(List.of(url), Map.of("outcry-it", template("outcry-it-*")), List.of());
        try (OutageProxy proxy = OutageProxy.inFrontOf(url)) {
            proxy.set(OutageProxy.Mode.THROTTLE);
            String target = index;
            // No template to install, so the writers' first request is a bulk request, and the outage starts with it.
            ElasticsearchSink<WindowCount> sink = ElasticsearchSink.<WindowCount>builder()
                    .hosts(proxy.url())
                    .documentMapper(window -> new ElasticsearchDocument(target, window.id(), toJson(window), window.windowStart()))
                    .bulkLimits(new BulkLimits(37, 5L * 1024 * 1024, Duration.ofMillis(200), 100, 5L * 1024 * 1024))
                    .retryPolicy(new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(500)))
                    .rejectedDocumentHandler(() -> DEAD_LETTERS::add)
                    .build();
            Thread outage = new Thread(() -> {
                try {
                    while (proxy.answered() == 0) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(3_000);
                    proxy.set(OutageProxy.Mode.REFUSE);
                    Thread.sleep(3_000);
                    proxy.set(OutageProxy.Mode.PASS);
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            outage.start();

            // Restarts are off: a sink that gave up would fail the job, and this test with it.
            run(windows(2_000, 0), sink);
            outage.join();

            assertThat(proxy.answered()).as("requests answered 429").isGreaterThan(1);
        }
        assertThat(countDocuments()).isEqualTo(2_000);
        assertThat(DEAD_LETTERS).isEmpty();
    }

    @Test
    void stopsTheJobWithOneLineWhenTheNodeRefusesTheCredentials() throws Exception {
        try (OutageProxy proxy = OutageProxy.inFrontOf(url)) {
            proxy.set(OutageProxy.Mode.UNAUTHORIZED);
            String target = index;
            ElasticsearchSink<WindowCount> sink = ElasticsearchSink.<WindowCount>builder()
                    .hosts(proxy.url())
                    .documentMapper(window -> new ElasticsearchDocument(target, window.id(), toJson(window), 0))
                    .rejectedDocumentHandler(() -> DEAD_LETTERS::add)
                    .build();

            assertThatThrownBy(() -> run(windows(10, 0), sink))
                    .hasStackTraceContaining("SuppressRestartsException")
                    .rootCause()
                    .isInstanceOf(WriteDeniedException.class)
                    .hasMessageContaining("refused the sink's credentials writing to index '" + index + "'")
                    .hasMessageContaining("HTTP 401");
            assertThat(proxy.answered()).as("requests sent: at most one per writer, none retried").isBetween(1L, 2L);
        }
        assertThat(DEAD_LETTERS).isEmpty();
    }
}
