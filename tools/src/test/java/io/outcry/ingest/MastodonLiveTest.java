package io.outcry.ingest;

import static io.outcry.ingest.MastodonFormatTest.S1;
import static io.outcry.ingest.MastodonFormatTest.S2;
import static io.outcry.ingest.MastodonFormatTest.S3;
import static io.outcry.ingest.MastodonFormatTest.S4;
import static io.outcry.ingest.MastodonFormatTest.S5;
import static io.outcry.ingest.MastodonFormatTest.S6;
import static io.outcry.ingest.MastodonFormatTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MastodonLive} against a streaming server started here (the JDK's HTTP server), which
 * replays the fixture's statuses as Mastodon's server-sent events, drops the connection and
 * serves the REST timeline for the gap.
 */
class MastodonLiveTest {

    private static final String TOKEN = "good-token";
    private static final Fixture FIXTURE = Fixture.mapped(new MastodonFormat(MastodonFormatTest.INSTANCE), "mastodon.jsonl");
    /** The fixture's statuses by their id, as the instance would serve them. */
    private static final Map<String, String> STATUSES = Map.of(S1, FIXTURE.lines.get(0), S2, FIXTURE.lines.get(1),
            S3, FIXTURE.lines.get(2), S4, FIXTURE.lines.get(3), S5, FIXTURE.lines.get(4), S6, FIXTURE.lines.get(15));

    @TempDir
    Path dir;

    private HttpServer server;
    private final CountDownLatch hangUp = new CountDownLatch(1);
    private final CountDownLatch gapRead = new CountDownLatch(1);
    private final List<String> timelineQueries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile List<String> published = List.of();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/timelines/public", this::timeline);
        server.start();
    }

    @AfterEach
    void stop() {
        hangUp.countDown();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The waits the command asked for between connections, instead of sleeping them. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private IngestCommandTest.Run ingest(String token, String... args) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        // The server stands in for mastodon.uno, whose statuses the fixture holds; without --instance the URL's host names them.
        List<String> all = new ArrayList<>(List.of("mastodon", "--live", url("/api/v1/streaming/public"), "--token-file", tokenFile.toString(),
                "--instance", MastodonFormatTest.INSTANCE));
        all.addAll(List.of(args));
        return IngestCommandTest.run(waits::add, all.toArray(String[]::new));
    }

    @Test
    void afterADropTheGapIsFilledFromTheTimelineAndEveryPostIsCountedOnce() throws Exception {
        server.createContext("/api/v1/streaming/public", exchange -> {
            if (!authorized(exchange)) {
                return;
            }
            if (sessions.incrementAndGet() == 1) {
                published = List.of(S1, S2, S3, S4);
                sse(exchange, ":)\n\n" + update(S1) + ":thump\n\n" + update(S2)
                        + "event: update\ndata: " + STATUSES.get(S3).substring(0, 700), false, true);
            } else {
                sse(exchange, ":)\n\n", false, false);
                await(gapRead);
                published = List.of(S1, S2, S3, S4, S5, S6);
                sse(exchange, update(S4) + "event: delete\ndata: " + S3 + "\n\n" + update(S5)
                        + "event: status.update\ndata: " + STATUSES.get(S2).replace("Terzo giorno", "Ormai il terzo giorno") + "\n\n"
                        + ":thump\n\n" + update(S6), true, true);
            }
        });
        Path posts = dir.resolve("posts.ndjson");

        IngestCommandTest.Run run = ingest(TOKEN, "--max-records", "13", "--out", posts.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ingest mastodon: 13 records read = 6 posts + 0 dead letters "
                + "+ 5 control messages + 2 duplicates (12 lines; delete 1, keep-alive 4)");
        List<Post> written = IngestCommandTest.posts(posts);
        assertThat(written).extracting(Post::id).containsExactly(id(S1), id(S2), id(S4), id(S3), id(S5), id(S6));
        assertThat(written.get(1).text()).as("the first version of an edited post counts").contains("Terzo giorno");
        assertThat(timelineQueries).containsExactly("since_id=" + S2 + "&limit=40");
        assertThat(waits).containsExactly(LiveIngest.FIRST_BACKOFF);
        assertThat(run.err()).contains("filled the gap with 2 statuses after id " + S2 + " from /api/v1/timelines/public");
    }

    @Test
    void backsOffExponentiallyWhileTheServerRefusesAndReadsOnceItServes() throws Exception {
        server.createContext("/api/v1/streaming/public", exchange -> {
            if (sessions.incrementAndGet() <= 3) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            sse(exchange, ":)\n\n" + update(S1), true, true);
        });
        Path posts = dir.resolve("posts.ndjson");

        IngestCommandTest.Run run = ingest(TOKEN, "--max-records", "2", "--out", posts.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(sessions).hasValue(4);
        Duration first = LiveIngest.FIRST_BACKOFF;
        assertThat(waits).containsExactly(first, first.multipliedBy(2), first.multipliedBy(4));
        assertThat(run.err()).contains("HTTP 503");
        assertThat(IngestCommandTest.posts(posts)).extracting(Post::id).containsExactly(id(S1));
    }

    @Test
    void aBadTokenEndsTheRunWithOneClearLineAndTheCounts() throws Exception {
        server.createContext("/api/v1/streaming/public", exchange -> authorized(exchange));

        IngestCommandTest.Run run = ingest("expired-token");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("ingest mastodon: " + url("/api/v1/streaming/public") + " refused the access token "
                + "(HTTP 401: {\"error\":\"The access token is invalid\"}); check --token-file or --token-env");
        assertThat(run.out()).isEqualTo("ingest mastodon: 0 records read = 0 posts + 0 dead letters + 0 control messages + 0 duplicates (0 lines)");
        assertThat(waits).isEmpty();
    }

    @Test
    void theCommandRefusesATokenVariableThatIsNotSetAndTokensForOtherFormats() {
        String stream = url("/api/v1/streaming/public");

        assertThat(IngestCommandTest.run("mastodon", "--live", stream, "--token-env", "OUTCRY_TEST_NO_SUCH_TOKEN").err())
                .contains("--token-env: the environment variable OUTCRY_TEST_NO_SUCH_TOKEN is not set");
        assertThat(IngestCommandTest.run("twitter-v1", Fixture.path("twitter-v1.jsonl").toString(), "--token-env", "PATH").err())
                .contains("--token-file and --token-env are for mastodon only");
    }

    @Test
    void aUrlThatIsNoStreamIsRefusedWithWhatAStreamingUrlLooksLike() throws Exception {
        assertThat(IngestCommandTest.run("mastodon", "--live", "mastodon.social/api/v1/streaming/public").err())
                .contains("expected an http(s) URL such as https://mastodon.social/api/v1/streaming/public");
        assertThat(IngestCommandTest.run("mastodon", "--live", url("/api/v1/timelines/public")).err())
                .contains("not a streaming API URL; it starts /api/v1/streaming");
        server.createContext("/api/v1/streaming/public", exchange -> authorized(exchange));
        IngestCommandTest.Run run = IngestCommandTest.run("mastodon", "--live", url("/api/v1/streaming/nowhere"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(url("/api/v1/streaming/nowhere") + " is not a stream this instance serves (HTTP 404");
    }

    @Test
    void eachStreamFillsItsGapFromTheTimelineThatHoldsTheSameStatuses() {
        URI base = URI.create("https://mastodon.social/api/v1/streaming");
        assertThat(MastodonLive.timelineOf(URI.create(base + "/public/local")))
                .hasToString("https://mastodon.social/api/v1/timelines/public?local=true");
        assertThat(MastodonLive.timelineOf(URI.create(base + "/hashtag?tag=timdown")))
                .hasToString("https://mastodon.social/api/v1/timelines/tag/timdown");
        assertThat(MastodonLive.timelineOf(URI.create(base + "?stream=user"))).hasToString("https://mastodon.social/api/v1/timelines/home");
        assertThat(MastodonLive.timelineOf(URI.create(base + "/list?list=42"))).hasToString("https://mastodon.social/api/v1/timelines/list/42");
        assertThat(MastodonLive.timelineOf(URI.create(base + "/direct"))).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String update(String id) {
        return "event: update\ndata: " + STATUSES.get(id) + "\n\n";
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        byte[] body = "{\"error\":\"The access token is invalid\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        return false;
    }

    /**
     * Sends events, after the response's headers the first time; waits for the test's end when
     * {@code untilTestEnds}, as a live stream stays open; ends the response when {@code close}.
     */
    private void sse(HttpExchange exchange, String events, boolean untilTestEnds, boolean close) throws IOException {
        if (exchange.getResponseCode() < 0) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
        }
        OutputStream body = exchange.getResponseBody();
        body.write(events.getBytes(StandardCharsets.UTF_8));
        body.flush();
        if (untilTestEnds) {
            await(hangUp);
        }
        if (close) {
            exchange.close();
        }
    }


    /** {@code GET /api/v1/timelines/public?since_id=}: what was published after that id, newest first. */
    private void timeline(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        timelineQueries.add(query);
        String since = query.replaceAll(".*since_id=(\\d+).*", "$1");
        List<String> page = new ArrayList<>();
        for (String id : published) {
            if (id.length() > since.length() || (id.length() == since.length() && id.compareTo(since) > 0)) {
                page.add(0, STATUSES.get(id));
            }
        }
        byte[] body = ("[" + String.join(",", page) + "]").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        gapRead.countDown();
    }
}
