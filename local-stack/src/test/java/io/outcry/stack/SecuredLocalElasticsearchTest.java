package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secured node: HTTPS with the certificate made for it, and the file-realm users it was given. */
class SecuredLocalElasticsearchTest {

    @TempDir static Path workDir;
    private static LocalElasticsearch elasticsearch;

    @BeforeAll
    static void startNode() throws IOException {
        elasticsearch = LocalElasticsearch.startSecured(workDir,
                "reader:\n  indices:\n    - names: [\"secured-*\"]\n      privileges: [\"read\"]\n",
                List.of(new LocalElasticsearch.User("alice", "alice-password", List.of("reader"))));
    }

    @AfterAll
    static void stopNode() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @Test
    void servesHttpsToClientsThatTrustItsCaAndRefusesTheOthers() throws Exception {
        assertThat(elasticsearch.url()).startsWith("https://127.0.0.1:");
        assertThat(elasticsearch.caFingerprint()).matches("[0-9a-f]{64}");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(get("/_cluster/health", "alice", "alice-password"),
                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void authenticatesItsUsersAndGivesThemTheirRolesOnly() throws Exception {
        assertThat(status("/_cluster/health", LocalElasticsearch.ADMIN_USER, elasticsearch.adminPassword())).isEqualTo(200);
        assertThat(status("/_cluster/health", "alice", "not-her-password")).isEqualTo(401);
        assertThat(status("/secured-things/_search", "alice", "alice-password")).isEqualTo(404);
        assertThat(status("/other-things/_search", "alice", "alice-password")).isEqualTo(403);
    }

    private static int status(String path, String user, String password) throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(elasticsearch.sslContext()).build();
        return trusting.send(get(path, user, password), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest get(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(elasticsearch.url() + path)).header("Authorization", "Basic " + credentials).build();
    }
}
