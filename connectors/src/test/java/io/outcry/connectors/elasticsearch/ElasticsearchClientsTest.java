package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials go out with the first request. An API key cannot be tried on the local node
 * (its distribution cannot store API keys), so a plain HTTP server records what the client sends.
 */
class ElasticsearchClientsTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void anApiKeyGoesOutAsTheApiKeySchemeWithTheFirstRequest() throws Exception {
        send(Map.of("api_key", "aWQ6a2V5"));

        assertThat(authorizations).containsExactly("ApiKey aWQ6a2V5");
    }

    @Test
    void aUserGoesOutAsBasicAuthenticationWithTheFirstRequest() throws Exception {
        send(Map.of("username", "outcry", "password", "pa:ss"));

        assertThat(authorizations).containsExactly("Basic b3V0Y3J5OnBhOnNz");
    }

    @Test
    void noSettingsSendNoCredentials() throws Exception {
        send(Map.of());

        assertThat(authorizations).containsExactly("null");
    }

    private void send(Map<String, String> settings) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (RestClient client = ElasticsearchClients.restClient(List.of(url), settings)) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
    }
}
