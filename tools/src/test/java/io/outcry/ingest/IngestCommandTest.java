package io.outcry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

    static final String V1_LINE = "ingest twitter-v1: 18 records read = 7 posts + 3 dead letters + 7 control messages + 1 duplicates "
            + "(18 lines; delete 1, disconnect 1, keep-alive 1, limit 1, scrub_geo 1, status_withheld 1, warning 1)";
    static final String V2_LINE = "ingest twitter-v2: 15 records read = 6 posts + 2 dead letters + 6 control messages + 1 duplicates "
            + "(11 lines; delete 1, empty 1, errors 2, keep-alive 1, problem 1)";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        return run(LiveIngest.THREAD_SLEEP, args);
    }

    /** With {@code --live}: {@code sleeper} is given the waits between connections. */
    static Run run(LiveIngest.Sleeper sleeper, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        IngestCommand command = new IngestCommand();
        command.sleeper = sleeper;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString().strip(), err.toString());
    }

    @Test
    void writesCanonicalPostsDeadLettersAndDeletionsToFilesAndALineThatReconciles() throws Exception {
        Path out = dir.resolve("posts.ndjson");
        Path rejected = dir.resolve("rejected.ndjson");
        Path deletions = dir.resolve("deletions.ndjson");

        Run run = run("twitter-v1", Fixture.path("twitter-v1.jsonl").toString(), "--out", out.toString(),
                "--dead-letters", rejected.toString(), "--deletions", deletions.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(V1_LINE);
        assertThat(run.err()).contains("ingest twitter-v1: 18 records, 7 posts (");
        Fixture fixture = Fixture.mapped(new TwitterV1Format(), "twitter-v1.jsonl");
        assertThat(posts(out)).containsExactlyElementsOf(fixture.posts.stream().distinct().toList());
        List<JsonNode> deadLetters = jsonLines(rejected);
        assertThat(deadLetters).extracting(d -> d.get("source").asText())
                .containsExactly("twitter-v1.jsonl:10", "twitter-v1.jsonl:11", "twitter-v1.jsonl:18");
        assertThat(deadLetters).extracting(d -> d.get("record").asText())
                .containsExactly(fixture.lines.get(9), fixture.lines.get(10), fixture.lines.get(17));
        assertThat(deadLetters.get(1).get("reason").asText()).isEqualTo("user.screen_name is missing");
        assertThat(jsonLines(deletions)).extracting(JsonNode::toString).containsExactly(
                "{\"platform\":\"twitter\",\"id\":\"" + Fixture.C + "\",\"author_id\":\"7810562\",\"deleted_at\":\"2026-11-20T18:58:13.004Z\"}");
    }

    @Test
    void readsAGzipFileByItsContentWhateverItsName() throws Exception {
        Path gzip = dir.resolve("statuses.json");
        try (OutputStream zipped = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            zipped.write(Files.readAllBytes(Fixture.path("twitter-v1.jsonl")));
        }
        Path plainOut = dir.resolve("plain.ndjson");
        Path gzipOut = dir.resolve("gzip.ndjson");

        Run plain = run("twitter-v1", Fixture.path("twitter-v1.jsonl").toString(), "--out", plainOut.toString());
        Run zipped = run("twitter-v1", gzip.toString(), "--out", gzipOut.toString());

        assertThat(zipped.exit()).as(zipped.err()).isZero();
        assertThat(zipped.out()).isEqualTo(plain.out()).isEqualTo(V1_LINE);
        assertThat(Files.readAllBytes(gzipOut)).isEqualTo(Files.readAllBytes(plainOut));
    }

    @Test
    void countsEveryDataAndErrorsEntryOfAnXApiV2ResponseAsARecord() throws Exception {
        Path out = dir.resolve("posts.ndjson");

        Run run = run("twitter-v2", Fixture.path("twitter-v2.jsonl").toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(V2_LINE);
        assertThat(posts(out)).extracting(Post::id)
                .containsExactly(Fixture.A, Fixture.B, Fixture.C, Fixture.D, Fixture.E, Fixture.H);
    }

    @Test
    void overlappingFilesCountEachPostOnceAndTheRestAsDuplicates() throws Exception {
        String fixture = Fixture.path("twitter-v1.jsonl").toString();
        Path out = dir.resolve("posts.ndjson");

        Run run = run("twitter-v1", fixture, fixture, "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ingest twitter-v1: 36 records read = 7 posts + 6 dead letters + 14 control messages + 9 duplicates");
        assertThat(posts(out)).hasSize(7);
    }

    @Test
    void aDedupeWindowSmallerThanTheReplayDistanceLetsTheReplayThrough() {
        Run run = run("twitter-v1", Fixture.path("twitter-v1.jsonl").toString(), "--dedupe-window", "2");

        assertThat(run.out()).startsWith("ingest twitter-v1: 18 records read = 8 posts + 3 dead letters + 7 control messages + 0 duplicates");
    }

    @Test
    void anUnknownFormatIsRefusedWithTheFormatsThereAre() {
        Run run = run("twitter-v3", Fixture.path("twitter-v1.jsonl").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown format 'twitter-v3'; choose one of twitter-v1, twitter-v2, bluesky-jetstream, mastodon, canonical");
    }

    @Test
    void theCanonicalFormatLoadsWhatIngestWroteUnchanged() throws Exception {
        Path first = dir.resolve("first.ndjson");
        Path second = dir.resolve("second.ndjson");
        run("twitter-v2", Fixture.path("twitter-v2.jsonl").toString(), "--out", first.toString());

        Run run = run("canonical", first.toString(), "--out", second.toString());

        assertThat(run.out()).isEqualTo("ingest canonical: 6 records read = 6 posts + 0 dead letters + 0 control messages + 0 duplicates (6 lines)");
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    static List<Post> posts(Path file) throws Exception {
        List<Post> posts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            posts.add(new CanonicalPostJson().parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        return posts;
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(mapper.readTree(line));
        }
        return nodes;
    }
}
