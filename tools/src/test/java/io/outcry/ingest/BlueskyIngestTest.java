package io.outcry.ingest;

import static io.outcry.ingest.BlueskyJetstreamFormatTest.A;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.B;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.C;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.D;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.E;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.F;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.G;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.H;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.I;
import static io.outcry.ingest.BlueskyJetstreamFormatTest.R;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code outcry ingest bluesky-jetstream} from a file and live, against a WebSocket server the test runs. */
@Timeout(60)
class BlueskyIngestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** The waits the command asked for between connections, instead of sleeping them. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        IngestCommand command = new IngestCommand();
        command.sleeper = waits::add;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString().strip(), err.toString());
    }

    @Test
    void aFileOfJetstreamEventsReconcilesAndAReplayedPostIsWrittenOnce() throws Exception {
        Path out = dir.resolve("posts.ndjson");
        Path deletions = dir.resolve("deletions.ndjson");

        Run run = run("bluesky-jetstream", Fixture.path("bluesky-jetstream.jsonl").toString(), "--out", out.toString(),
                "--deletions", deletions.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ingest bluesky-jetstream: 23 records read = 10 posts + 3 dead letters + 8 control messages "
                + "+ 2 duplicates (23 lines; account 2, app.bsky.feed.like 1, delete 2, identity 3)");
        assertThat(IngestCommandTest.posts(out)).extracting(Post::id).containsExactly(A, B, C, D, E, R, F, G, H, I);
        assertThat(Files.readAllLines(deletions)).containsExactly(
                "{\"platform\":\"bluesky\",\"id\":\"" + H + "\",\"author_id\":\"" + BlueskyJetstreamFormatTest.NOEMI
                        + "\",\"deleted_at\":\"2026-11-20T18:43:10.125Z\"}",
                "{\"platform\":\"bluesky\",\"id\":\"" + R + "\",\"author_id\":\"" + BlueskyJetstreamFormatTest.PAOLA
                        + "\",\"deleted_at\":\"2026-11-20T18:43:11.237Z\"}");
    }

    @Test
    void aDroppedStreamResumesFromItsCursorWithoutAGapAndCountsTheOverlapAsDuplicates() throws Exception {
        List<String> events = jetstream();
        int dropAfter = 8;
        long lastSent = timeUs(events.get(dropAfter - 1));
        long cursor = lastSent - 5_000_000;
        long replayed = events.subList(0, dropAfter).stream().filter(e -> timeUs(e) >= cursor).count();
        Path out = dir.resolve("posts.ndjson");
        try (WebSocketTestServer server = new WebSocketTestServer((connection, request, socket) -> {
            socket.upgrade();
            if (connection == 0) {
                for (String event : events.subList(0, dropAfter)) {
                    socket.send(event);
                }
                // A stream runs a while before it drops; see WebSocketStream on a drop during the opening.
                sleep(Duration.ofMillis(500));
                socket.drop();
                return;
            }
            long from = Long.parseLong(request.getQuery().replaceAll(".*cursor=(\\d+).*", "$1"));
            for (String event : events) {
                if (timeUs(event) >= from) {
                    socket.send(event);
                }
            }
            socket.awaitClientGone();
        })) {
            URI url = server.url("/subscribe");

            Run run = run("bluesky-jetstream", "--live", url.toString(), "--out", out.toString(),
                    "--max-records", String.valueOf(events.size() + replayed));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(server.requests).extracting(URI::toString).containsExactly(
                    "/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost",
                    "/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&cursor=" + cursor);
        }
        assertThat(replayed).isEqualTo(2);
        assertThat(IngestCommandTest.posts(out)).extracting(Post::id).containsExactly(A, B, C, D, E, R, F, G, H, I);
        assertThat(waits).containsExactly(LiveIngest.FIRST_BACKOFF);
    }

    @Test
    void theLiveRunPrintsTheSameReconcilingLineAndProgressAboutItsConnections() throws Exception {
        List<String> events = jetstream();
        try (WebSocketTestServer server = new WebSocketTestServer((connection, request, socket) -> {
            socket.upgrade();
            for (String event : events) {
                socket.send(event);
            }
            socket.awaitClientGone();
        })) {
            Run run = run("bluesky-jetstream", "--live", server.url("/subscribe").toString(), "--max-records", String.valueOf(events.size()));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("ingest bluesky-jetstream: 18 records read = 10 posts + 1 dead letters + 7 control messages "
                    + "+ 0 duplicates (18 lines; account 1, app.bsky.feed.like 1, delete 2, identity 3)");
            assertThat(run.err()).contains("ingest bluesky-jetstream: connected to " + server.url("/subscribe?wantedCollections="))
                    .contains("ingest bluesky-jetstream: 18 records, 10 posts (");
        }
    }

    @Test
    void aServerThatRefusesIsTriedAgainAfterWaitsThatDoubleAndAStreamResetsThem() throws Exception {
        List<String> events = jetstream();
        try (WebSocketTestServer server = new WebSocketTestServer((connection, request, socket) -> {
            if (connection < 3 || connection == 4) {
                socket.refuse(503);
                return;
            }
            socket.upgrade();
            socket.send(events.get(connection == 3 ? 0 : 1));
            if (connection == 3) {
                socket.close(1011);
            }
            socket.awaitClientGone();
        })) {
            Run run = run("bluesky-jetstream", "--live", server.url("/subscribe").toString(), "--max-records", "2");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(server.requests).hasSize(6);
        }
        Duration first = LiveIngest.FIRST_BACKOFF;
        assertThat(waits).containsExactly(first, first.multipliedBy(2), first.multipliedBy(4), first, first);
    }

    @Test
    void theWaitDoublesUpToItsCap() {
        LiveIngest live = new LiveIngest(new BlueskyJetstreamFormat(), URI.create("ws://localhost/"), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Integer.MAX_VALUE, waits::add, new PrintWriter(new StringWriter()), "test");

        assertThat(List.of(1, 2, 3, 6, 7, 8, 100)).extracting(live::backoff).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(32), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void itGivesUpAfterMaxFailuresConnectionsInARowWithTheLastReason() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        Run run = run("bluesky-jetstream", "--live", "ws://127.0.0.1:" + port + "/subscribe", "--max-failures", "3");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("ingest bluesky-jetstream: 0 records read");
        assertThat(run.err()).contains("gave up after 3 failed connections in a row; the last: cannot connect to ws://127.0.0.1:"
                + port + "/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost: connection refused");
        assertThat(waits).hasSize(2);
    }

    @Test
    void aWrongPathIsAClearErrorAtOnceNotARetry() throws Exception {
        try (WebSocketTestServer server = new WebSocketTestServer((connection, request, socket) -> socket.refuse(404))) {
            Run run = run("bluesky-jetstream", "--live", server.url("/subscrib").toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("the server answered the WebSocket handshake of " + server.url("/subscrib?")
                    .toString()).contains("with HTTP 404: check the URL");
            assertThat(server.requests).hasSize(1);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void aUrlThatIsNoWebSocketOrHasNoResolvableHostIsRefusedClearly() {
        Run http = run("bluesky-jetstream", "--live", "https://jetstream2.us-east.bsky.network/subscribe");
        Run broken = run("bluesky-jetstream", "--live", "wss://jetstream2 us-east/subscribe");
        Run compressed = run("bluesky-jetstream", "--live", "wss://jetstream2.us-east.bsky.network/subscribe?compress=true");
        Run noHost = run("bluesky-jetstream", "--live", "wss://no-such-host.invalid/subscribe");
        Run notLive = run("twitter-v1", "--live", "wss://jetstream2.us-east.bsky.network/subscribe");

        assertThat(http.exit()).isEqualTo(2);
        assertThat(http.err()).contains("--live https://jetstream2.us-east.bsky.network/subscribe: expected a ws:// or wss:// URL");
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("--live wss://jetstream2 us-east/subscribe: Illegal character in authority");
        assertThat(compressed.exit()).isEqualTo(2);
        assertThat(compressed.err()).contains("compress=true asks Jetstream for zstd");
        assertThat(noHost.exit()).isEqualTo(1);
        assertThat(noHost.err()).contains("cannot resolve the host of wss://no-such-host.invalid/subscribe");
        assertThat(notLive.exit()).isEqualTo(2);
        assertThat(notLive.err()).contains("twitter-v1 has no live stream; read files of it instead");
        assertThat(waits).isEmpty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fixture's events as Jetstream would send them: each once, in time_us order, JSON lines only. */
    private static List<String> jetstream() throws IOException {
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(Fixture.path("bluesky-jetstream.jsonl"), StandardCharsets.UTF_8)) {
            if (!events.contains(line) && parses(line) && !line.startsWith("[")) {
                events.add(line);
            }
        }
        events.sort((a, b) -> Long.compare(timeUs(a), timeUs(b)));
        return events;
    }

    private static boolean parses(String line) {
        try {
            MAPPER.readTree(line);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static long timeUs(String event) {
        try {
            JsonNode node = MAPPER.readTree(event);
            return node.get("time_us").asLong();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
