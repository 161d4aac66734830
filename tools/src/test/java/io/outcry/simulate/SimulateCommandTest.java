package io.outcry.simulate;

import io.outcry.time.DurationConverter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2027-01-10T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new SimulateCommand(NOW));
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void fileModeWritesOneLinePerRecordAndTheTruthBesideIt() throws Exception {
        Path out = dir.resolve("posts.ndjson");

        int exit = run("--out", out.toString(), "--duration", "20m", "--rate", "120", "--malformed-share", "0.05");

        assertThat(exit).as(err.toString()).isZero();
        GroundTruth truth = GroundTruth.read(dir.resolve("posts.ndjson.truth.json"));
        byte[] bytes = Files.readAllBytes(out);
        long newlines = 0;
        for (byte b : bytes) {
            newlines += b == '\n' ? 1 : 0;
        }
        assertThat(newlines).isEqualTo(truth.totals().records());
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize((int) truth.totals().records());
        assertThat(truth.malformedByKind().get("empty")).isEqualTo(lines.stream().filter(String::isEmpty).count());
        assertThat(truth.start()).isEqualTo(SimulationConfig.DEFAULT_START.toString());
        assertThat(truth.end()).isEqualTo(SimulationConfig.DEFAULT_START.plus(Duration.ofMinutes(20)).toString());
        assertThat(truth.incidents()).extracting(GroundTruth.Incident::type).containsExactly("complaint_spike", "outage");
        assertThat(truth.incidents()).extracting(GroundTruth.Incident::noise).containsExactly(false, false);
        assertThat(err.toString()).contains("records written");
    }

    @Test
    void theFileIsTheSameEveryTimeAndTheTruthGoesWhereAsked() throws Exception {
        Path first = dir.resolve("a.ndjson");
        Path second = dir.resolve("b.ndjson");
        Path truth = dir.resolve("answers/truth.json");
        Files.createDirectories(truth.getParent());

        assertThat(run("--out", first.toString(), "--duration", "10m", "--no-incidents", "--seed", "5")).isZero();
        assertThat(run("--out", second.toString(), "--duration", "10m", "--no-incidents", "--seed", "5", "--truth", truth.toString())).isZero();

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(GroundTruth.read(truth).incidents()).isEmpty();
        assertThat(GroundTruth.read(truth).seed()).isEqualTo(5);
    }

    @Test
    void careIsSimulatedByDefaultAndNoCareLeavesItOut() throws Exception {
        Path withCare = dir.resolve("care.ndjson");
        Path without = dir.resolve("no-care.ndjson");

        assertThat(run("--out", withCare.toString(), "--duration", "30m")).as(err.toString()).isZero();
        assertThat(run("--out", without.toString(), "--duration", "30m", "--no-care")).as(err.toString()).isZero();

        GroundTruth care = GroundTruth.read(dir.resolve("care.ndjson.truth.json"));
        GroundTruth noCare = GroundTruth.read(dir.resolve("no-care.ndjson.truth.json"));
        assertThat(care.care().replies()).hasSize((int) care.totals().replies());
        assertThat(care.care().questions()).isNotEmpty();
        assertThat(care.care().byBrand()).containsKeys("tim", "ryanair");
        assertThat(noCare.care()).isNull();
        assertThat(noCare.totals().replies()).isPositive();
        assertThat(Files.readString(without)).doesNotContain("@tim_official quando");
    }

    @Test
    void theNoiseScenarioRunsEightHoursFromFiveInTheMorningAndListsOnlyNoiseInItsTruth() throws Exception {
        Path out = dir.resolve("noise.ndjson");

        int exit = run("--scenario", "noise", "--seed", "4", "--rate", "20", "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        GroundTruth truth = GroundTruth.read(dir.resolve("noise.ndjson.truth.json"));
        assertThat(truth.start()).isEqualTo(Scenarios.DEFAULT_START.toString());
        assertThat(truth.end()).isEqualTo(Scenarios.DEFAULT_START.plus(Duration.ofHours(8)).toString());
        assertThat(truth.incidents()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.noise()).isTrue();
            assertThat(i.type()).isIn("retweet_storm", "bot_burst", "furious_account");
        });
        assertThat(truth.incidents()).extracting(GroundTruth.Incident::start)
                .isEqualTo(Scenarios.noiseOnly(4, Scenarios.DEFAULT_START, Duration.ofHours(8)).incidents().stream()
                        .map(i -> Scenarios.DEFAULT_START.plus(i.offset()).toString()).toList());
        assertThat(Files.readString(dir.resolve("noise.ndjson.truth.json"))).contains("\"noise\" : true", "\"type\" : \"bot_burst\"");
    }

    @Test
    void theMixedScenarioListsRealIncidentsAndNoiseWithTheirRegions() throws Exception {
        Path out = dir.resolve("mixed.ndjson");

        assertThat(run("--scenario", "mixed", "--seed", "2", "--rate", "20", "--duration", "4h", "--out", out.toString()))
                .as(err.toString()).isZero();

        GroundTruth truth = GroundTruth.read(dir.resolve("mixed.ndjson.truth.json"));
        assertThat(truth.incidents()).extracting(GroundTruth.Incident::noise).contains(true, false);
        assertThat(truth.incidents()).filteredOn(i -> i.type().equals("outage"))
                .isNotEmpty().allSatisfy(i -> assertThat(i.regionName()).isNotNull());
    }

    @Test
    void refusesAnUnknownScenarioAndNoIncidentsInAScenario() {
        assertThat(run("--scenario", "chaos", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario must be default, mixed or noise, got 'chaos'");
        assertThat(run("--scenario", "mixed", "--no-incidents", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("use --scenario noise");
        assertThat(run("--scenario", "mixed", "--duration", "1h", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario mixed: a scenario needs at least 3 h");
    }

    @Test
    void theRealisticProfileSizesTheDefaultIncidentsToTheBrandAndRunsScenariosForThirtyHours() throws Exception {
        Path out = dir.resolve("realistic.ndjson");

        assertThat(run("--profile", "realistic", "--duration", "30m", "--out", out.toString())).as(err.toString()).isZero();

        GroundTruth truth = GroundTruth.read(dir.resolve("realistic.ndjson.truth.json"));
        GroundTruth.Incident outage = truth.incidents().get(1);
        assertThat(outage.area().towns()).extracting(GroundTruth.Town::name).isSubsetOf("Napoli", "Casoria", "Afragola", "Portici");
        SimulateCommand command = new SimulateCommand(NOW);
        new CommandLine(command).parseArgs("--profile", "realistic", "--scenario", "noise", "--out", out.toString());
        assertThat(command.config().duration()).isEqualTo(Duration.ofHours(30));
        assertThat(command.config().profile()).isEqualTo(Profile.REALISTIC);
    }

    @Test
    void refusesAnUnknownProfileAndASharedRateInTheRealisticOne() {
        assertThat(run("--profile", "real", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--profile: unknown profile 'real'; use current or realistic");
        assertThat(run("--profile", "realistic", "--rate", "100", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("each brand has its own rate");
    }

    @Test
    void refusesToRunWithoutADestination() {
        assertThat(run("--duration", "10m")).isEqualTo(2);
        assertThat(err.toString()).contains("--out <file.ndjson> or --bootstrap-servers");
    }

    @Test
    void refusesTwoDestinations() {
        assertThat(run("--out", dir.resolve("x").toString(), "--bootstrap-servers", "localhost:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("--out and --bootstrap-servers both given");
    }

    @Test
    void namesTheOptionWhenADurationIsUnreadable() {
        assertThat(run("--out", dir.resolve("x").toString(), "--duration", "two hours")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration: 'two hours' is not a duration; write it like 120 (seconds), 45s");
    }

    @Test
    void refusesAStartThatWouldPutPostsInTheFuture() {
        assertThat(run("--out", dir.resolve("x").toString(), "--start", "2027-01-10T11:30:00Z", "--duration", "2h")).isEqualTo(2);
        assertThat(err.toString()).contains("ahead of this machine's clock").contains("--speed 1");
    }

    @Test
    void acceptsAStartOfNowAtRealTimeSpeed() {
        Duration ahead = SimulateCommand.furthestAhead(NOW.instant(), Duration.ofHours(2), 1, NOW.instant());
        assertThat(ahead).isEqualTo(Duration.ZERO);
        assertThat(SimulateCommand.furthestAhead(NOW.instant(), Duration.ofHours(2), 0, NOW.instant())).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void readsShortAndIsoDurations() {
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationConverter.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    }
}
