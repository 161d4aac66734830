package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Starts one real Elasticsearch node (as user {@code outcry} when run as root) over plain HTTP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalElasticsearchTest {

    @TempDir static Path workDir;
    private static LocalElasticsearch elasticsearch;
    private static Set<ProcessHandle> serverProcesses;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startNode() throws IOException {
        Set<ProcessHandle> before = LocalKafkaTest.children();
        elasticsearch = LocalElasticsearch.start(workDir);
        serverProcesses = LocalKafkaTest.children();
        serverProcesses.removeAll(before);
    }

    @AfterAll
    static void stopNode() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @Test
    @Order(1)
    void listensOnALoopbackPort() {
        assertThat(elasticsearch.url()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    @Order(2)
    void returnsAnIndexedDocument() throws Exception {
        HttpResponse<String> indexed =
                send(
                        HttpRequest.newBuilder(uri("/local-stack-test/_doc/p-1?refresh=true"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"acme\",\"complaints\":3}")));
        assertThat(indexed.statusCode()).isEqualTo(201);

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/local-stack-test/_doc/p-1")));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"found\":true")
                .contains("\"_source\":{\"brand\":\"acme\",\"complaints\":3}");
    }

    @Test
    @Order(3)
    void answersSearchesOverIndexedDocuments() throws Exception {
        send(
                HttpRequest.newBuilder(uri("/local-stack-search/_doc/a?refresh=true"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"acme\"}")));

        HttpResponse<String> search =
                send(
                        HttpRequest.newBuilder(uri("/local-stack-search/_search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"query\":{\"match\":{\"brand\":\"acme\"}}}")));

        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"total\":{\"value\":1,");
    }

    @Test
    @Order(4)
    void countsTheCpuOfEveryProcessOfTheNode() {
        // the launcher runs the node's JVM as its child: their CPU together, which a JVM's start alone puts past a second
        Duration children = serverProcesses.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(elasticsearch.cpuTime()).isGreaterThan(Duration.ofSeconds(1)).isGreaterThanOrEqualTo(children);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeStopsTheNodeAndEveryProcessItSpawned() {
        assertThat(serverProcesses).isNotEmpty().allMatch(ProcessHandle::isAlive);

        elasticsearch.close();

        assertThat(serverProcesses).noneMatch(ProcessHandle::isAlive);
    }

    private URI uri(String path) {
        return URI.create(elasticsearch.url() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
