package io.outcry.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Post;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocationAgreementCommandTest {

    @TempDir
    Path dir;

    private static Post post(String id, String text, GeoPoint coordinates, String profile) {
        return new Post(id, "twitter", 1_700_000_000_000L, new Author(id, "user" + id, 10, false, profile), text, "it",
                coordinates, null, null, null, null, List.of("tim_official"), List.of());
    }

    @Test
    void countsTheSourcesAndChecksTheTextAndProfileStepsAgainstTheCoordinates() throws Exception {
        Path file = dir.resolve("posts.ndjson");
        try (var out = Files.newOutputStream(file)) {
            for (Post post : List.of(
                    post("1", "@tim_official linea morta, sono a Napoli", new GeoPoint(45.4642, 9.19), "Milano"),
                    post("2", "@tim_official a Torino niente rete", null, null),
                    post("3", "@tim_official niente rete", null, "Bari, Puglia"))) {
                out.write(CanonicalPostJson.write(post));
                out.write('\n');
            }
            out.write("{not json\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new LocationAgreementCommand()).execute(file.toString())).isZero();
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("posts naming a brand: 3")
                .contains("located by coordinates    33.3 %")
                .contains("located by text           33.3 %")
                .contains("located by profile        33.3 %")
                .contains("coordinates or place only (before): 33.3 %")
                .contains("at min confidence 0.4: 100.0 %")
                .contains("text step names their region 0 / 1")
                .contains("profile step names their region 1 / 1");
    }
}
