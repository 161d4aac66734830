package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loader against a stand-in for Kibana's HTTP API that records what it is sent: no Kibana
 * runs here, so this checks the requests (paths, the kbn-xsrf header, the multipart file, the
 * rule body) and how the script reacts to Kibana's answers.
 */
class LoaderScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String method, String path, String xsrf, String contentType, String body) {}

    private HttpServer kibana;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean ruleExists;
    private volatile String importAnswer = "{\"success\":true,\"successCount\":16,\"successResults\":[]}";

    @BeforeEach
    void startKibanaStandIn() throws IOException {
        kibana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kibana.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().toString();
            calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("kbn-xsrf"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (path.equals("/api/status")) {
                answer(exchange, 200, "{\"status\":{\"overall\":{\"level\":\"available\"}}}");
            } else if (path.startsWith("/api/saved_objects/_import")) {
                answer(exchange, 200, importAnswer);
            } else if (path.equals("/api/alerting/rule/outcry-alert-opened") && exchange.getRequestMethod().equals("POST")) {
                if (ruleExists) {
                    answer(exchange, 409, "{\"statusCode\":409,\"error\":\"Conflict\"}");
                } else {
                    ruleExists = true;
                    answer(exchange, 200, "{\"id\":\"outcry-alert-opened\"}");
                }
            } else if (path.equals("/api/alerting/rule/outcry-alert-opened") && exchange.getRequestMethod().equals("DELETE")) {
                ruleExists = false;
                answer(exchange, 204, null);
            } else {
                answer(exchange, 404, "{}");
            }
        });
        kibana.start();
    }

    @AfterEach
    void stop() {
        kibana.stop(0);
    }

    @Test
    void importsTheExportAndCreatesTheRule() throws Exception {
        assertThat(runLoader()).isZero();
        Call imported = calls.stream().filter(c -> c.path().startsWith("/api/saved_objects/_import")).findFirst().orElseThrow();
        assertThat(imported.method()).isEqualTo("POST");
        assertThat(imported.path()).isEqualTo("/api/saved_objects/_import?overwrite=true");
        assertThat(imported.xsrf()).isEqualTo("true");
        assertThat(imported.contentType()).startsWith("multipart/form-data");
        assertThat(imported.body()).contains("name=\"file\"").contains(Files.readString(Path.of(SavedObjects.FILE)));

        Call rule = calls.stream().filter(c -> c.path().startsWith("/api/alerting/rule/")).findFirst().orElseThrow();
        assertThat(rule.xsrf()).isEqualTo("true");
        assertThat(rule.contentType()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(rule.body());
        assertThat(body.get("rule_type_id").asText()).isEqualTo(".es-query");
        assertThat(body.at("/params/index/0").asText()).isEqualTo("outcry-alerts");
    }

    @Test
    void replacesARuleThatAlreadyExists() throws Exception {
        ruleExists = true;
        assertThat(runLoader()).isZero();
        assertThat(calls).extracting(c -> c.method() + " " + c.path()).containsSubsequence(
                "POST /api/alerting/rule/outcry-alert-opened", "DELETE /api/alerting/rule/outcry-alert-opened",
                "POST /api/alerting/rule/outcry-alert-opened");
        assertThat(ruleExists).isTrue();
    }

    @Test
    void failsWhenKibanaRefusesTheImport() throws Exception {
        importAnswer = "{\"success\":false,\"successCount\":0,\"errors\":[{\"id\":\"x\",\"error\":{\"type\":\"missing_references\"}}]}";
        assertThat(runLoader()).isNotZero();
        assertThat(calls).noneMatch(c -> c.path().startsWith("/api/alerting"));
    }

    private int runLoader() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "load-kibana.sh").redirectErrorStream(true);
        builder.environment().put("KIBANA_URL", "http://127.0.0.1:" + kibana.getAddress().getPort());
        builder.environment().put("KIBANA_WAIT_SECONDS", "10");
        Process p = builder.start();
        p.getInputStream().transferTo(System.out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
