package io.outcry.ingest;

import static io.outcry.ingest.MastodonFormatTest.S1;
import static io.outcry.ingest.MastodonFormatTest.S2;
import static io.outcry.ingest.MastodonFormatTest.S3;
import static io.outcry.ingest.MastodonFormatTest.S4;
import static io.outcry.ingest.MastodonFormatTest.S5;
import static io.outcry.ingest.MastodonFormatTest.S6;
import static io.outcry.ingest.MastodonFormatTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    private HttpServer server;
    private final CountDownLatch hangUp = new CountDownLatch(1);
    private final CountDownLatch gapRead = new CountDownLatch(1);
    private final List<Long> streamAttempts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> timelineQueries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile List<String> published = List.of();
    private final StringWriter log = new StringWriter();

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
        List<Post> written = Collections.synchronizedList(new ArrayList<>());
        IngestCommand.Run run = run(written);
        MastodonLive live = live(TOKEN, Duration.ofMillis(50));

        Thread reader = reading(live, run);
        waitFor(() -> {
            synchronized (run) {
                return run.records >= 13;
            }
        });
        live.close();
        hangUp.countDown();
        reader.join(10_000);

        assertThat(written).extracting(Post::id).containsExactly(id(S1), id(S2), id(S4), id(S3), id(S5), id(S6));
        assertThat(timelineQueries).containsExactly("since_id=" + S2 + "&limit=40");
        assertThat(run.reconciliation()).isEqualTo("ingest mastodon: 13 records read = 6 posts + 0 dead letters "
                + "+ 5 control messages + 2 duplicates (12 lines; delete 1, keep-alive 4)");
        assertThat(written.get(1).text()).as("the first version of an edited post counts").contains("Terzo giorno");
        assertThat(log.toString()).contains("the stream ended; reconnecting in 50 ms")
                .contains("filled the gap with 2 statuses after id " + S2 + " from /api/v1/timelines/public");
    }

    @Test
    void backsOffExponentiallyWhileTheServerRefusesAndReadsOnceItServes() throws Exception {
        server.createContext("/api/v1/streaming/public", exchange -> {
            streamAttempts.add(System.nanoTime());
            if (sessions.incrementAndGet() <= 3) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            sse(exchange, ":)\n\n" + update(S1), true, true);
        });
        List<Post> written = Collections.synchronizedList(new ArrayList<>());
        IngestCommand.Run run = run(written);
        MastodonLive live = live(TOKEN, Duration.ofMillis(100));

        Thread reader = reading(live, run);
        waitFor(() -> written.size() == 1);
        live.close();
        hangUp.countDown();
        reader.join(10_000);

        assertThat(streamAttempts).hasSize(4);
        for (int i = 1; i < 4; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(streamAttempts.get(i) - streamAttempts.get(i - 1));
            assertThat(gap).as("wait before attempt " + (i + 1)).isGreaterThanOrEqualTo(100L << (i - 1));
        }
        assertThat(log.toString()).contains("HTTP 503; reconnecting in 100 ms", "HTTP 503; reconnecting in 200 ms",
                "HTTP 503; reconnecting in 400 ms");
        assertThat(written).extracting(Post::id).containsExactly(id(S1));
    }

    @Test
    void aBadTokenEndsTheRunWithOneClearLine() throws Exception {
        server.createContext("/api/v1/streaming/public", exchange -> authorized(exchange));
        MastodonLive live = live("expired-token", Duration.ofMillis(50));

        assertThatThrownBy(() -> live.run((bytes, offset, length, number) -> { }))
                .isInstanceOf(MastodonLive.Refused.class)
                .hasMessage("mastodon live: " + url("/api/v1/streaming/public") + " refused the access token "
                        + "(HTTP 401: {\"error\":\"The access token is invalid\"}); check --token-file or --token-env");
    }

    @Test
    void aUrlThatIsNoStreamIsRefusedWithWhatAStreamingUrlLooksLike() {
        assertThatThrownBy(() -> live("mastodon.social/api/v1/streaming/public"))
                .hasMessageContaining("is not an http(s) URL such as https://mastodon.social/api/v1/streaming/public");
        assertThatThrownBy(() -> live(url("/api/v1/timelines/public")))
                .hasMessageContaining("is not a streaming API URL; it starts /api/v1/streaming");
        assertThatThrownBy(() -> live(url("/api/v1/streaming/nowhere")).run((bytes, offset, length, number) -> { }))
                .isInstanceOf(MastodonLive.Refused.class)
                .hasMessageStartingWith("mastodon live: " + url("/api/v1/streaming/nowhere") + " is not a stream this instance serves (HTTP 404");
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

    private MastodonLive live(String token, Duration backoff) throws MastodonLive.Refused {
        return new MastodonLive(url("/api/v1/streaming/public"), token, new PrintWriter(log, true), backoff,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    private MastodonLive live(String url) throws MastodonLive.Refused {
        return new MastodonLive(url, TOKEN, new PrintWriter(log, true), Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
    }

    private IngestCommand.Run run(List<Post> written) {
        return new IngestCommand.Run(new MastodonFormat(MastodonFormatTest.INSTANCE), new RecentIds(1000), new PrintWriter(log, true)) {
            @Override
            void write(Post post, byte[] key, byte[] json) {
                written.add(post);
            }

            @Override
            void writeDeletion(Deletion deletion, byte[] json) {}

            @Override
            void writeDeadLetter(String source, String reason, byte[] original) {}
        };
    }

    private static Thread reading(MastodonLive live, IngestCommand.Run run) {
        Path source = Path.of("live");
        Thread reader = new Thread(() -> {
            try {
                live.run((bytes, offset, length, number) -> {
                    synchronized (run) {
                        run.record(source, bytes, offset, length, number);
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        return reader;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
