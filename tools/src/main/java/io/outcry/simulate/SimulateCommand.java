package io.outcry.simulate;

import io.outcry.time.DurationConverter;
import picocli.CommandLine.TypeConversionException;

import io.outcry.post.CanonicalPostJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code outcry simulate}: writes a synthetic firehose to an NDJSON file or a Kafka topic,
 * plus the ground truth of the incidents injected into it.
 *
 * <pre>
 * outcry simulate --out posts.ndjson                        # 2 h of posts, as fast as possible
 * outcry simulate --bootstrap-servers localhost:9092 --speed 60 --truth truth.json
 * outcry simulate --scenario mixed --seed 3 --out run3.ndjson  # 8 h from 05:00 Rome, incidents and noise
 * outcry simulate --profile realistic --scenario mixed --seed 4 --out run4.ndjson  # 30 h as real platforms look
 * </pre>
 *
 * Options: {@code --profile}, {@code --scenario}, {@code --seed}, {@code --start}, {@code --duration}, {@code --rate},
 * {@code --speed}, {@code --malformed-share}, {@code --late-share}, {@code --max-disorder},
 * {@code --no-incidents}, {@code --no-care}, {@code --out}, {@code --bootstrap-servers}, {@code --topic},
 * {@code --truth}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic firehose (Italian and English posts about telcos, airlines "
                + "and delivery, with injected incidents) to an NDJSON file or a Kafka topic, and its ground truth as JSON.")
public final class SimulateCommand implements Callable<Integer> {

    public static final String DEFAULT_TOPIC = "outcry.posts";

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "default|mixed|noise",
            description = "default: one complaint spike and one outage; mixed: after a quiet hour, 4-6 real incidents "
                    + "and 3-6 noise events (retweet storms, bot bursts, furious accounts) placed by the seed; "
                    + "noise: the noise events only (default: ${DEFAULT-VALUE}).")
    String scenario = "default";

    @Option(names = "--profile", paramLabel = "current|realistic",
            description = "current: the firehose the detectors were built on (one peak rate, most posts geotagged); "
                    + "realistic: each brand 10-20 posts a minute at the evening peak on even seeds and 20-60 on odd ones, "
                    + "coordinates on 1.5 %% of posts, a place on 12.5 %%, a town in the text on 35 %%, the profile alone on 40 %%, "
                    + "travellers, incidents sized to the brand, 30 h scenario runs (default: ${DEFAULT-VALUE}).")
    String profile = Profile.CURRENT.id();

    @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = SimulationConfig.DEFAULT_SEED;

    @Option(names = "--start", description = "Event time of the first post, ISO-8601 (default: "
            + "2026-11-20T17:00:00Z; 2026-11-20T04:00:00Z with --scenario mixed or noise).")
    String start;

    @Option(names = "--duration", description = "Event time to simulate, e.g. 2h, 90m, 1h30m, 45s (default: 2h; "
            + "8h with --scenario mixed or noise, 30h with them and --profile realistic).")
    String duration;

    @Option(names = "--rate", description = "Posts per minute at the evening peak (default: 300; with --profile realistic "
            + "each brand has its own rate and this option is refused).")
    Double rate;

    @Option(names = "--speed", description = "Replay speed: 1 = real time, 60 = an hour per minute, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed = SimulationConfig.DEFAULT_SPEED;

    @Option(names = "--malformed-share", description = "Share of records the parser must reject (default: ${DEFAULT-VALUE}).")
    double malformedShare = SimulationConfig.DEFAULT_MALFORMED_SHARE;

    @Option(names = "--late-share", description = "Share of posts emitted 60-180 s after their event time (default: ${DEFAULT-VALUE}).")
    double lateShare = SimulationConfig.DEFAULT_LATE_SHARE;

    @Option(names = "--max-disorder", description = "Largest delay of an ordinary post behind its event time, e.g. 20s (default: 20s).")
    String maxDisorder = "20s";

    @Option(names = "--no-incidents", description = "Do not inject the complaint spike and the outage.")
    boolean noIncidents;

    @Option(names = "--no-care", description = "Do not simulate customer care (questions to brands, delayed canned and "
            + "personal replies, follow-ups, the care ground truth): brands answer 12 %% of complaints with one of four fixed texts.")
    boolean noCare;

    @Option(names = "--out", paramLabel = "<file.ndjson>", description = "Write the records to this NDJSON file.")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>", description = "Produce the records to this Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--topic", description = "Kafka topic for the records (default: ${DEFAULT-VALUE}).")
    String topic = DEFAULT_TOPIC;

    @Option(names = "--truth", paramLabel = "<file.json>",
            description = "Where to write the ground truth (default: <out>.truth.json with --out, standard output with Kafka).")
    Path truth;

    private final Clock clock;

    public SimulateCommand() {
        this(Clock.systemUTC());
    }

    SimulateCommand(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = config();
        FirehoseSimulator simulator = new FirehoseSimulator(config);
        PrintWriter err = spec.commandLine().getErr();
        GroundTruth result;
        if (out != null) {
            try (NdjsonFileSink sink = new NdjsonFileSink(out)) {
                result = replay(simulator, config, sink, err);
            }
            Path truthFile = truth != null ? truth : out.resolveSibling(out.getFileName() + ".truth.json");
            result.write(truthFile);
            err.println("simulate: wrote " + out + " and " + truthFile);
            err.flush();
        } else {
            try (KafkaSink sink = new KafkaSink(bootstrapServers, topic)) {
                result = replay(simulator, config, sink, err);
            }
            if (truth != null) {
                result.write(truth);
                err.println("simulate: wrote topic " + topic + " and " + truth);
                err.flush();
            } else {
                spec.commandLine().getOut().println(new String(result.toJson(), StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private static GroundTruth replay(FirehoseSimulator simulator, SimulationConfig config,
                                      Consumer<SimulatedRecord> sink, PrintWriter err) {
        Replay replay = new Replay(sink, config.start(), config.speed(), err, Replay.WallClock.SYSTEM);
        GroundTruth result = simulator.run(replay);
        replay.finish();
        return result;
    }

    /** The validated configuration; every problem names its option and the fix. */
    SimulationConfig config() {
        if ((out == null) == (bootstrapServers == null)) {
            throw usage(out == null
                    ? "say where the records go: --out <file.ndjson> or --bootstrap-servers <host:port> (with --topic, default "
                    + DEFAULT_TOPIC + ")"
                    : "--out and --bootstrap-servers both given; choose a file or a Kafka cluster");
        }
        if (topic.isBlank()) {
            throw usage("--topic must not be empty");
        }
        boolean scenarioRun = switch (scenario) {
            case "default" -> false;
            case "mixed", "noise" -> true;
            default -> throw usage("--scenario must be default, mixed or noise, got '" + scenario + "'");
        };
        if (scenarioRun && noIncidents) {
            throw usage("--no-incidents contradicts --scenario " + scenario + "; use --scenario noise for a run without real incidents");
        }
        String startText = start != null ? start : (scenarioRun ? Scenarios.DEFAULT_START : SimulationConfig.DEFAULT_START).toString();
        Profile regime;
        try {
            regime = Profile.of(profile);
        } catch (IllegalArgumentException e) {
            throw usage("--profile: " + e.getMessage());
        }
        if (regime == Profile.REALISTIC && rate != null) {
            throw usage("--rate sets the current profile's shared peak rate; with --profile realistic each brand has its own "
                    + "rate, drawn from the seed: drop --rate");
        }
        double peakRate = rate != null ? rate : SimulationConfig.DEFAULT_PEAK_RATE;
        String durationText = duration != null ? duration
                : scenarioRun ? Scenarios.defaultSpan(regime).toHours() + "h" : "2h";
        Instant startAt;
        try {
            startAt = Instant.parse(startText);
        } catch (DateTimeParseException e) {
            throw usage("--start '" + startText + "' is not an ISO-8601 instant; write it like 2026-11-20T17:00:00Z");
        }
        Duration span = duration("--duration", durationText);
        if (span.isZero()) {
            throw usage("--duration must be longer than zero, e.g. 2h");
        }
        Duration disorder = duration("--max-disorder", maxDisorder);
        if (!(peakRate > 0)) {
            throw usage("--rate must be a positive number of posts per minute, got " + peakRate);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw usage("--speed must be 0 (as fast as possible) or a positive factor such as 1 or 60, got " + speed);
        }
        if (!(malformedShare >= 0 && malformedShare < 1)) {
            throw usage("--malformed-share must be in [0, 1), e.g. 0.01, got " + malformedShare);
        }
        if (!(lateShare >= 0 && lateShare < 1) || malformedShare + lateShare >= 1) {
            throw usage("--late-share must be in [0, 1) and, with --malformed-share, add up to less than 1; got " + lateShare);
        }
        Duration ahead = furthestAhead(startAt, span, speed, clock.instant());
        if (ahead.compareTo(CanonicalPostJson.DEFAULT_MAX_FUTURE_SKEW) > 0) {
            throw usage("--start " + startAt + " with --duration " + durationText + " at --speed " + speed
                    + " would produce posts " + ahead.toMinutes() + " min ahead of this machine's clock, and the job rejects posts more than "
                    + CanonicalPostJson.DEFAULT_MAX_FUTURE_SKEW.toMinutes()
                    + " min in the future; use an earlier --start (the default is in the past) or --speed 1");
        }
        SimulationConfig planned = switch (scenario) {
            case "mixed" -> scenario(() -> Scenarios.mixed(seed, startAt, span, regime));
            case "noise" -> scenario(() -> Scenarios.noiseOnly(seed, startAt, span, regime));
            default -> SimulationConfig.defaults().withSeed(seed).withTime(startAt, span).withProfile(regime);
        };
        SimulationConfig config = planned.withRates(peakRate, malformedShare, lateShare).withSpeed(speed).withMaxDisorder(disorder);
        config = config.withCare(!noCare);
        return noIncidents ? config.withIncidents(List.of()) : config;
    }

    /**
     * How far ahead of the wall clock the simulated event time gets. A post simulated
     * {@code x} after the start goes out {@code x / speed} after now, so it is
     * {@code (start - now) + x (1 - 1/speed)} ahead (speed 0 sends everything at once); the
     * worst case is at one end of the span.
     */
    static Duration furthestAhead(Instant start, Duration span, double speed, Instant now) {
        long atStart = start.toEpochMilli() - now.toEpochMilli();
        double gainedPerMilli = speed == 0 ? 1 : 1 - 1 / speed;
        return Duration.ofMillis(Math.max(atStart, atStart + (long) (span.toMillis() * gainedPerMilli)));
    }

    /** A scenario's own complaint about the span becomes a usage error that names the option. */
    private SimulationConfig scenario(Supplier<SimulationConfig> plan) {
        try {
            return plan.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usage("--scenario " + scenario + ": " + e.getMessage());
        }
    }

    private Duration duration(String option, String text) {
        try {
            Duration d = DurationConverter.parse(text);
            if (d.isNegative()) {
                throw usage(option + " must not be negative, got " + text);
            }
            return d;
        } catch (TypeConversionException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
