package io.outcry.pipeline;

import io.outcry.care.BrandClocks;
import io.outcry.care.BrandQueue;
import io.outcry.care.BrandReply;
import io.outcry.care.CannedReplySettings;
import io.outcry.care.CareAlerts;
import io.outcry.care.CareBroadcast;
import io.outcry.care.CareCase;
import io.outcry.care.CareFact;
import io.outcry.care.CareInput;
import io.outcry.care.CareQueue;
import io.outcry.care.CareSettings;
import io.outcry.care.CareWindow;
import io.outcry.care.CareWindows;
import io.outcry.care.CaseHandOver;
import io.outcry.care.CaseInput;
import io.outcry.care.CaseTracker;
import io.outcry.care.CustomerPost;
import io.outcry.care.DeletedPost;
import io.outcry.care.MarkCannedReplies;
import io.outcry.care.OfficialPost;
import io.outcry.care.StatementInput;
import io.outcry.care.StatementTracker;
import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.elasticsearch.ElasticsearchDocument;
import io.outcry.connectors.elasticsearch.ElasticsearchSink;
import io.outcry.connectors.elasticsearch.ToDocuments;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.deletion.AlertExamples;
import io.outcry.deletion.ForgetDeletedPosts;
import io.outcry.deletion.IndexedPosts;
import io.outcry.deletion.Removal;
import io.outcry.deletion.Shown;
import io.outcry.deletion.ShownPosts;
import io.outcry.deletion.WindowExamples;
import io.outcry.deletion.ZoneExamples;
import io.outcry.enrich.EnrichedPost;
import io.outcry.index.PostEntry;
import io.outcry.index.PostSample;
import io.outcry.index.WindowDocuments;
import io.outcry.notify.AlertRouter;
import io.outcry.post.CitedPost;
import io.outcry.post.Deletion;
import io.outcry.post.Post;
import io.outcry.window.KeyedPost;
import io.outcry.window.PostWindows;
import io.outcry.window.Timeliness;
import io.outcry.window.WindowResult;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.SpikeDetector;
import io.outcry.zone.ZoneAlerts;
import io.outcry.zone.CellTally;
import io.outcry.zone.ZoneCells;
import io.outcry.zone.ZoneDetector;
import io.outcry.zone.ZoneEvent;
import io.outcry.zone.ZonePost;
import io.outcry.zone.ZonePosts;
import io.outcry.zone.ZoneSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The Outcry job: posts in; one result per (brand, region, topic) and window, and the alerts
 * on complaint spikes, out; every refused record to the dead letters.
 *
 * <pre>
 * posts ─ event time ─ route ─┬─ first copies ─ enrich ─ fan out per topic ─ window ─┬─ window results
 *                             │                                                     ├─ by brand ─ spike detector ─ alerts
 *                             │                  └─ located outage posts ─ by brand, cell ─ tally ─ by brand ─ zone detector ─ zones (+ alerts)
 *                             │                  └─ customer posts, brand replies ─ mark canned ─┐
 *                             │                  by brand, thread ─ case tracker (+ alerts) ─ cases ─┴─ care windows (+ care alerts)
 *                             │                                                            └─ by brand ─ care queue
 *                             └─ unparseable ─────────────────────────────┐└─ too late ─┐
 *                                                                         └─────────────┴─ dead letters
 * alerts, zones, official posts, answered cases ─ by brand ─ statement tracker ─ their destinations (unless withoutBrandResponse)
 * </pre>
 *
 * With the posts index on ({@link #withPosts}), the posts in time for their window, or a sample of
 * them, go to it too.
 *
 * With deletions read ({@link #withDeletions}), where each post is shown (window, alert and zone
 * examples, care) meets them: a deleted post leaves the window, alert and zone documents before
 * their sinks, and its care case.
 *
 * Sources and sinks are given, so production wires Kafka and Elasticsearch and tests wire
 * in-memory ones around the same pipeline.
 */
public class OutcryJob {

    private final JobOptions options;
    private final Source<Ingested<Post>, ?, ?> posts;
    private final Sink<WindowResult> windows;
    private final Sink<DeadLetter> deadLetters;
    private final List<Destination<AlertEvent>> alerts;
    private final List<Destination<ZoneEvent>> zones;
    private final ZoneSettings zoneSettings;
    private final Care care;
    private final Deletions deletions;
    private final Posts postsIndex;
    private final boolean brandResponse;
    // Per shared Elasticsearch sink, the document streams it takes; filled while the pipeline is built.
    private Map<ElasticsearchSink<ElasticsearchDocument>, List<DataStream<ElasticsearchDocument>>> documentStreams;
    private DataStream<Deletion> readableDeletions;
    // The care cases, when care is on, for the statement tracker; set while the pipeline is built.
    private DataStream<CareCase> answeredCases;

    /**
     * @param alerts where alert events go, each under a stable name (its operator uid): e.g. the
     *               alerts index, the history index, the alerts topic, a webhook; when empty,
     *               nobody listens and the spike detector is left out
     */
    public OutcryJob(
            JobOptions options,
            Source<Ingested<Post>, ?, ?> posts,
            Sink<WindowResult> windows,
            Sink<DeadLetter> deadLetters,
            List<Destination<AlertEvent>> alerts) {
        this(options, posts, windows, deadLetters, alerts, List.of(), ZoneSettings.defaults());
    }

    /**
     * @param zones        where outage zone events go, each under a stable name; when empty the zone
     *                     detector is left out; when not, confirmed zones are alerts too
     * @param zoneSettings how outage zones are judged
     */
    public OutcryJob(
            JobOptions options,
            Source<Ingested<Post>, ?, ?> posts,
            Sink<WindowResult> windows,
            Sink<DeadLetter> deadLetters,
            List<Destination<AlertEvent>> alerts,
            List<Destination<ZoneEvent>> zones,
            ZoneSettings zoneSettings) {
        this(options, posts, windows, deadLetters, alerts, zones, zoneSettings, null, null, null, true);
    }

    private OutcryJob(
            JobOptions options,
            Source<Ingested<Post>, ?, ?> posts,
            Sink<WindowResult> windows,
            Sink<DeadLetter> deadLetters,
            List<Destination<AlertEvent>> alerts,
            List<Destination<ZoneEvent>> zones,
            ZoneSettings zoneSettings,
            Care care,
            Deletions deletions,
            Posts postsIndex,
            boolean brandResponse) {
        this.care = care;
        this.deletions = deletions;
        this.postsIndex = postsIndex;
        this.brandResponse = brandResponse;
        this.options = Objects.requireNonNull(options, "options");
        this.posts = Objects.requireNonNull(posts, "posts source");
        this.windows = Objects.requireNonNull(windows, "window sink");
        this.deadLetters = Objects.requireNonNull(deadLetters, "dead-letter sink");
        this.alerts = List.copyOf(alerts);
        this.zones = List.copyOf(zones);
        this.zoneSettings = Objects.requireNonNull(zoneSettings, "zone settings: use ZoneSettings.defaults()");
    }

    /**
     * The same job measuring customer care too: care windows to the window destinations, each
     * brand's queue (once per minute it changed) to the queue destinations, every case event to
     * the case destinations; with all three lists empty care is left out. Unanswered-question
     * alerts (when {@code settings} has a threshold) go to the alert destinations.
     */
    public OutcryJob withCare(CareSettings settings, List<Destination<CareWindow>> careWindows, List<Destination<BrandQueue>> queue,
            List<Destination<CareCase>> cases) {
        return new OutcryJob(options, posts, windows, deadLetters, alerts, zones, zoneSettings,
                new Care(Objects.requireNonNull(settings, "care settings: use CareSettings.defaults()"),
                        List.copyOf(careWindows), List.copyOf(queue), List.copyOf(cases)), deletions, postsIndex, brandResponse);
    }

    /**
     * The same job taking deleted posts out of what it still holds or shows: window, alert and
     * zone examples (the latest document sent again to the window sink and to the alert and zone
     * destinations that keep one per key) and care cases, for deletions that come within {@code horizon} of
     * what shows the post. Records it cannot read go to the dead letters.
     */
    public OutcryJob withDeletions(Source<Ingested<Deletion>, ?, ?> source, Duration horizon) {
        return new OutcryJob(options, posts, windows, deadLetters, alerts, zones, zoneSettings, care,
                new Deletions(Objects.requireNonNull(source, "deletions source"), Objects.requireNonNull(horizon, "deletions horizon")),
                postsIndex, brandResponse);
    }

    /**
     * The same job keeping the posts behind its numbers: each post about a brand in time for its
     * window, or the {@code sample} of them, to {@code sink}; with deletions read, a deleted post's entry follows
     * as its removal.
     */
    public OutcryJob withPosts(PostSample sample, Sink<PostEntry> sink) {
        return new OutcryJob(options, posts, windows, deadLetters, alerts, zones, zoneSettings, care, deletions,
                new Posts(Objects.requireNonNull(sample, "posts sample: use new PostSample(1) for every post"),
                        Objects.requireNonNull(sink, "posts sink")), brandResponse);
    }

    /**
     * The same job without measuring how fast each brand spoke up about its alerts and zones
     * ({@link StatementTracker}, on by default: it lets each event through at once and corrects
     * the indices' documents when the brand speaks later).
     */
    public OutcryJob withoutBrandResponse() {
        return new OutcryJob(options, posts, windows, deadLetters, alerts, zones, zoneSettings, care, deletions, postsIndex, false);
    }

    /** Which posts are kept and where they go. */
    private record Posts(PostSample sample, Sink<PostEntry> sink) {}

    /** Where deletions come from and how long after a post they are still applied. */
    private record Deletions(Source<Ingested<Deletion>, ?, ?> source, Duration horizon) {}

    /** How care is measured and where its results go. */
    private record Care(CareSettings settings, List<Destination<CareWindow>> windows, List<Destination<BrandQueue>> queue,
            List<Destination<CareCase>> cases) {

        boolean on() {
            return !windows.isEmpty() || !queue.isEmpty() || !cases.isEmpty();
        }
    }

    /**
     * A sink, the name that identifies it in the job graph and in savepoints, which elements it
     * wants (a chat webhook wants fewer alert events than an index), and whether it keeps one
     * document per key, so that an element sent again without a deleted post corrects it.
     */
    public record Destination<T>(String name, Sink<T> sink, FilterFunction<T> wanted, boolean latestPerKey) {

        public Destination(String name, Sink<T> sink, FilterFunction<T> wanted) {
            this(name, sink, wanted, false);
        }

        public Destination {
            if (name == null || !name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("destination name '" + name + "' must be lower-case letters, digits or '-'");
            }
            Objects.requireNonNull(sink, "sink of destination " + name);
            Objects.requireNonNull(wanted, "filter of destination " + name + ": use Destination.of(name, sink) for all elements");
        }

        /** A destination that takes every element. */
        public static <T> Destination<T> of(String name, Sink<T> sink) {
            return new Destination<>(name, sink, element -> true);
        }

        /** An index that takes every element and keeps one document per key. */
        public static <T> Destination<T> index(String name, Sink<T> sink) {
            return new Destination<>(name, sink, element -> true, true);
        }
    }

    /** Adds the pipeline to {@code env}; run it with {@code env.execute(...)}. */
    public void build(StreamExecutionEnvironment env) {
        documentStreams = new LinkedHashMap<>();
        readableDeletions = null;
        answeredCases = null;
        // A type that falls back to Kryo fails here, at build time, instead of slowing every record.
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        // Every element is an immutable record (OutcryJobTest checks), so chained operators can
        // share one instance instead of each receiving a deep copy of it.
        pipeline.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(pipeline);

        SingleOutputStreamOperator<TimedPost> parsed = env
                .fromSource(posts, watermarks(), "Posts", Ingested.typeInfo(TypeInformation.of(Post.class)))
                .uid("posts-source")
                .process(new RouteIngested(options.maxOutOfOrderness(), options.windowSize(), options.allowedLateness()),
                        TypeInformation.of(TimedPost.class))
                .name("Mark late posts, drop copies, route dead letters")
                .uid("route-ingested");

        boolean careOn = care != null && care.on();
        SingleOutputStreamOperator<TimedEnrichedPost> enriched = parsed
                .process(new EnrichPosts(EnricherFactory.fromCatalogs(options.enrichment()), careOn,
                        careOn && care.settings().openOnAnyPost(), brandResponse), TypeInformation.of(TimedEnrichedPost.class))
                .name("Enrich")
                .uid("enrich-posts");

        // What the partitions already tell too late never reaches the windows, whatever their watermark says.
        // Only the windows fan a post out, one copy per (brand, topic) it is about.
        DataStream<TimedEnrichedPost> inTime = enriched
                .filter(post -> post.timeliness() != Timeliness.TOO_LATE).name("Posts in time for their window")
                .uid("posts-in-time");
        DataStream<KeyedPost> keyedPosts = inTime
                .flatMap((TimedEnrichedPost post, Collector<KeyedPost> out) ->
                        KeyedPost.fanOut(post.enriched(), post.timeliness()).forEach(out::collect), TypeInformation.of(KeyedPost.class))
                .name("Fan out per brand and topic")
                .uid("fan-out");
        SingleOutputStreamOperator<WindowResult> results = PostWindows.aggregate(
                keyedPosts, options.windowSize(), options.allowedLateness(), options.maxExamplePosts());
        DataStream<ZoneEvent> zoneEvents = zones.isEmpty() ? null : detectZones(enriched);
        DataStream<AlertEvent> zoneAlerts = zoneEvents == null ? null : zoneEvents
                .flatMap(new ZoneAlerts(), TypeInformation.of(AlertEvent.class))
                .name("Confirmed outage zones as alerts")
                .uid("zone-alerts");
        // incidents are what care cases are measured against, so care needs the detector too
        DataStream<AlertEvent> alertEvents = alerts.isEmpty() && !careOn ? null : detectSpikes(results, zoneAlerts);
        DataStream<AlertEvent> spikesAndZones = alertEvents;

        DataStream<PostEntry> keptPosts = null;
        if (postsIndex != null) {
            PostSample sample = postsIndex.sample();
            keptPosts = inTime
                    // A post about no brand is behind no number.
                    .filter(post -> !post.enriched().brands().isEmpty() && sample.keeps(PostEntry.key(post.enriched().post())))
                    .name("Posts kept for the posts index")
                    .uid("posts-kept")
                    .map(post -> PostEntry.of(post.enriched()), TypeInformation.of(PostEntry.class)).name("Posts to index")
                    .uid("posts-to-index");
        }

        DataStream<Ingested<Deletion>> deletionRecords = null;
        DataStream<Removal> removals = null;
        if (deletions == null) {
            sinkTo(results, windows, "Window results", "window-results-sink");
        } else {
            deletionRecords = env
                    .fromSource(deletions.source(), deletionWatermarks(), "Deletions",
                            Ingested.typeInfo(TypeInformation.of(Deletion.class)))
                    .uid("deletions-source");
            removals = removals(deletionRecords, results, careOn ? enriched : null, spikesAndZones, zoneEvents);
            // Window documents show their examples' ids only: the texts would stay in this state for the horizon.
            DataStream<WindowResult> idsOnly = results
                    .map(WindowResult::withExampleIdsOnly, TypeInformation.of(WindowResult.class))
                    .name("Window results, example ids only").uid("window-example-ids");
            DataStream<WindowResult> withoutDeleted = withoutDeleted(idsOnly, WindowDocuments::id,
                    new ForgetDeletedPosts<>(new WindowExamples(), TypeInformation.of(WindowResult.class), deletions.horizon()),
                    WindowResult.class, removals, Shown.WINDOW, "Window results");
            sinkTo(withoutDeleted, windows, "Window results", "window-results-sink");
        }

        if (keptPosts != null) {
            keptPosts = citedPosts(keptPosts, spikesAndZones, zoneEvents, postsIndex.sample());
            DataStream<PostEntry> entries = deletionRecords == null ? keptPosts : keptPosts
                    .keyBy(PostEntry::postId, Types.STRING)
                    .connect(readable(deletionRecords).keyBy(Deletion::postId, Types.STRING))
                    .process(new IndexedPosts(deletions.horizon()), TypeInformation.of(PostEntry.class))
                    .name("Posts to index, less the deleted ones")
                    .uid("indexed-posts");
            sinkTo(entries, postsIndex.sink(), "Posts", "posts-sink");
        }

        if (careOn) {
            DataStream<AlertEvent> careAlerts = trackCare(enriched, alertEvents, removals);
            if (careAlerts != null) {
                alertEvents = alertEvents.union(careAlerts);
            }
        }
        // Indices that keep one document per event id take corrections; a topic or a webhook hears each event once.
        DataStream<AlertEvent> alertDocuments = alertEvents;
        DataStream<AlertEvent> alertsOnce = alertEvents;
        if (alertEvents != null && removals != null) {
            ForgetDeletedPosts<AlertEvent> forget = new ForgetDeletedPosts<>(new AlertExamples(),
                    TypeInformation.of(AlertEvent.class), deletions.horizon());
            SingleOutputStreamOperator<AlertEvent> shown = withoutDeleted(alertEvents, AlertEvent::alertId, forget,
                    AlertEvent.class, removals, Shown.ALERT, "Alerts");
            alertDocuments = shown;
            alertsOnce = shown.getSideOutput(forget.withoutCorrections());
        }
        DataStream<ZoneEvent> zoneDocuments = zoneEvents;
        DataStream<ZoneEvent> zonesOnce = zoneEvents;
        if (zoneEvents != null && removals != null) {
            ForgetDeletedPosts<ZoneEvent> forget = new ForgetDeletedPosts<>(new ZoneExamples(),
                    TypeInformation.of(ZoneEvent.class), deletions.horizon());
            SingleOutputStreamOperator<ZoneEvent> shown = withoutDeleted(zoneEvents, ZoneEvent::zoneId, forget,
                    ZoneEvent.class, removals, Shown.ZONE, "Zones");
            zoneDocuments = shown;
            zonesOnce = shown.getSideOutput(forget.withoutCorrections());
        }
        if (brandResponse && (alertDocuments != null || zoneEvents != null)) {
            SingleOutputStreamOperator<AlertEvent> measured = measureStatements(enriched, alertDocuments, zoneDocuments);
            if (alertDocuments != null) {
                alertDocuments = measured;
                alertsOnce = measured.getSideOutput(StatementTracker.ALERTS_ONCE);
            }
            if (zoneEvents != null) {
                zoneDocuments = measured.getSideOutput(StatementTracker.ZONES);
                zonesOnce = measured.getSideOutput(StatementTracker.ZONES_ONCE);
            }
        }
        if (alertDocuments != null) {
            deliver(alertDocuments, alerts.stream().filter(Destination::latestPerKey).toList(), "Alerts", "alerts");
            deliver(alertsOnce, alerts.stream().filter(destination -> !destination.latestPerKey()).toList(), "Alerts", "alerts");
        }
        if (zoneEvents != null) {
            deliver(zoneDocuments, zones.stream().filter(Destination::latestPerKey).toList(), "Zones", "zones");
            deliver(zonesOnce, zones.stream().filter(destination -> !destination.latestPerKey()).toList(), "Zones", "zones");
        }

        DataStream<DeadLetter> tooLate = results
                .getSideOutput(PostWindows.TOO_LATE)
                .filter(KeyedPost::firstOfPost).name("Posts the windows refused, once").uid("posts-refused-by-windows")
                .map(KeyedPost::post, TypeInformation.of(Post.class)).name("Refused posts").uid("refused-posts")
                .union(enriched.filter(post -> post.timeliness() == Timeliness.TOO_LATE).name("Posts too late for their window")
                        .uid("posts-too-late")
                        .map(post -> post.enriched().post(), TypeInformation.of(Post.class)).name("Posts of the too-late")
                        .uid("posts-too-late-unwrapped"))
                .process(new TooLatePosts(options.windowSize(), options.allowedLateness()),
                        TypeInformation.of(DeadLetter.class))
                .name("Dead-letter too-late posts")
                .uid("too-late-posts");

        DataStream<DeadLetter> allDeadLetters = parsed.getSideOutput(RouteIngested.DEAD_LETTERS)
                .union(tooLate, enriched.getSideOutput(EnrichPosts.DEAD_LETTERS));
        if (deletionRecords != null) {
            allDeadLetters = allDeadLetters.union(deletionRecords
                    .filter(record -> !record.isOk()).name("Unreadable deletions").uid("deletions-unreadable")
                    .map(record -> record.deadLetter, TypeInformation.of(DeadLetter.class)).name("Deletions to dead letters")
                    .uid("deletions-dead-letters"));
        }
        allDeadLetters
                .sinkTo(deadLetters)
                .name("Dead letters")
                .uid("dead-letters-sink");
        sinkDocuments();
    }

    /**
     * The documents, keyed by their id, less the posts deleted so far, and sent again without a
     * post deleted later ({@code forget}); {@code target} is the kind of document the removals
     * name ({@link Shown}) and the operators' uids, {@code what} their names.
     */
    private static <T> SingleOutputStreamOperator<T> withoutDeleted(DataStream<T> documents, KeySelector<T, String> id,
            ForgetDeletedPosts<T> forget, Class<T> type, DataStream<Removal> removals, String target, String what) {
        return documents.keyBy(id, Types.STRING)
                .connect(removals.filter(removal -> removal.of(target)).name("Deleted " + target + " examples")
                        .uid("deleted-" + target + "-examples")
                        .keyBy(Removal::key, Types.STRING))
                .process(forget, TypeInformation.of(type))
                .name(what + " without deleted examples")
                .uid("forget-deleted-" + target + "-examples");
    }

    /**
     * The kept posts, and the example posts alerts and zones cite that the sample left out: cited
     * posts are always in the posts index, written from what the citation holds. Each event of an
     * alert or zone cites them again; the same document is rewritten, and alerts are few. A zone's
     * alert cites what its zone does, so zones are read from the zone events alone, suspected ones too.
     */
    private static DataStream<PostEntry> citedPosts(DataStream<PostEntry> kept, DataStream<AlertEvent> alertEvents,
            DataStream<ZoneEvent> zoneEvents, PostSample sample) {
        DataStream<PostEntry> posts = kept;
        if (alertEvents != null) {
            posts = posts.union(alertEvents
                    .flatMap((AlertEvent alert, Collector<PostEntry> out) -> {
                        if (!ZoneAlerts.LEVEL.equals(alert.level()) && alert.explanation() != null) {
                            leftOut(alert.brand(), alert.explanation().examples(), sample, out);
                        }
                    }, TypeInformation.of(PostEntry.class))
                    .name("Posts alerts cite that the sample left out").uid("cited-posts"));
        }
        if (zoneEvents != null) {
            posts = posts.union(zoneEvents
                    .flatMap((ZoneEvent zone, Collector<PostEntry> out) -> leftOut(zone.brand(), zone.examples(), sample, out),
                            TypeInformation.of(PostEntry.class))
                    .name("Posts zones cite that the sample left out").uid("cited-zone-posts"));
        }
        return posts;
    }

    private static void leftOut(String brand, List<CitedPost> examples, PostSample sample, Collector<PostEntry> out) {
        // (an example restored from an older version's savepoint has no platform, so no key)
        examples.stream().filter(cited -> cited.platform() != null && !sample.keeps(cited.key()))
                .forEach(cited -> out.collect(PostEntry.cited(brand, cited)));
    }

    /**
     * Where each post is shown (window examples; alert examples, when {@code alertEvents} is
     * given; zone examples, when {@code zoneEvents} is given; the brands whose care it went to,
     * when {@code care} is given) met with the deletions: what to take out of where.
     */
    private DataStream<Removal> removals(DataStream<Ingested<Deletion>> records, DataStream<WindowResult> results,
            SingleOutputStreamOperator<TimedEnrichedPost> care, DataStream<AlertEvent> alertEvents,
            DataStream<ZoneEvent> zoneEvents) {
        DataStream<Deletion> deleted = readable(records);
        DataStream<Shown> shown = results
                .flatMap((WindowResult r, Collector<Shown> out) -> {
                    String target = Shown.target(Shown.WINDOW, WindowDocuments.id(r));
                    r.examplePostIds().forEach(id -> out.collect(new Shown(id, target, r.windowEnd())));
                }, TypeInformation.of(Shown.class))
                .name("Posts shown in window examples").uid("shown-in-windows");
        if (alertEvents != null) {
            shown = shown.union(alertEvents
                    .flatMap((AlertEvent a, Collector<Shown> out) -> {
                        if (a.explanation() != null) {
                            String target = Shown.target(Shown.ALERT, a.alertId());
                            a.explanation().examplePostIds().forEach(id -> out.collect(new Shown(id, target, a.eventTime())));
                        }
                    }, TypeInformation.of(Shown.class))
                    .name("Posts shown in alert examples").uid("shown-in-alerts"));
        }
        if (zoneEvents != null) {
            shown = shown.union(zoneEvents
                    .flatMap((ZoneEvent z, Collector<Shown> out) -> {
                        String target = Shown.target(Shown.ZONE, z.zoneId());
                        z.examplePostIds().forEach(id -> out.collect(new Shown(id, target, z.eventTime())));
                    }, TypeInformation.of(Shown.class))
                    .name("Posts shown in zone examples").uid("shown-in-zones"));
        }
        if (care != null) {
            shown = shown.union(
                    care.getSideOutput(EnrichPosts.CUSTOMER_POSTS)
                            .map(p -> new Shown(p.postId(), Shown.target(Shown.CARE, CaseInput.key(p.brand(), p.conversation(), p.customer())),
                                            p.createdAt()),
                                    TypeInformation.of(Shown.class))
                            .name("Customer posts shown in care").uid("shown-in-care-customer-posts"),
                    care.getSideOutput(EnrichPosts.BRAND_REPLIES)
                            .map(r -> new Shown(r.postId(), Shown.target(Shown.CARE, CaseInput.key(r.brand(), r.conversation(), r.customer())),
                                            r.createdAt()),
                                    TypeInformation.of(Shown.class))
                            .name("Brand replies shown in care").uid("shown-in-care-brand-replies"));
        }
        return shown.keyBy(Shown::postId, Types.STRING)
                .connect(deleted.keyBy(Deletion::postId, Types.STRING))
                .process(new ShownPosts(deletions.horizon()), TypeInformation.of(Removal.class))
                .name("Where deleted posts are shown")
                .uid("shown-posts");
    }

    /** The deletions that could be read; the others go to the dead letters. */
    private DataStream<Deletion> readable(DataStream<Ingested<Deletion>> records) {
        if (readableDeletions == null) {
            readableDeletions = records.filter(Ingested::isOk).name("Readable deletions").uid("deletions-readable")
                    .map(record -> record.value, TypeInformation.of(Deletion.class)).name("Deletions").uid("deletions");
        }
        return readableDeletions;
    }

    /** Outage zones per brand from the located outage posts. */
    private DataStream<ZoneEvent> detectZones(DataStream<TimedEnrichedPost> enriched) {
        // A zone window is judged once: only posts on time by their partition, so a replay judges the same posts.
        DataStream<ZoneEvent> zoneEvents = enriched
                .filter(post -> post.timeliness() == Timeliness.ON_TIME).name("Posts on time for zones").uid("zone-posts-on-time")
                .map(TimedEnrichedPost::enriched, TypeInformation.of(EnrichedPost.class)).name("Enriched posts for zones")
                .uid("zone-enriched-posts")
                .flatMap(new ZonePosts(options.windowSize()), TypeInformation.of(ZonePost.class))
                .name("Located outage and restored posts")
                .uid("zone-posts")
                .keyBy(ZoneCells.key(zoneSettings), Types.STRING)
                .process(new ZoneCells(zoneSettings), TypeInformation.of(CellTally.class))
                .name("Tally outage posts per brand and cell")
                .uid("zone-cells")
                .keyBy(CellTally::brand, Types.STRING)
                .process(new ZoneDetector(zoneSettings), TypeInformation.of(ZoneEvent.class))
                .name("Detect outage zones per brand")
                .uid("zone-detector");
        return zoneEvents;
    }

    /**
     * The alert and zone events (either may be null) with how fast each brand spoke up about them,
     * from its official accounts' posts and, with care on, its answers to the cases of each alert.
     */
    private SingleOutputStreamOperator<AlertEvent> measureStatements(SingleOutputStreamOperator<TimedEnrichedPost> enriched,
            DataStream<AlertEvent> alertEvents, DataStream<ZoneEvent> zoneEvents) {
        DataStream<StatementInput> inputs = enriched.getSideOutput(EnrichPosts.OFFICIAL_POSTS)
                .map((OfficialPost post) -> StatementInput.of(post), TypeInformation.of(StatementInput.class))
                .name("Official posts to statements").uid("statement-official-posts");
        if (alertEvents != null) {
            inputs = inputs.union(alertEvents.map((AlertEvent alert) -> StatementInput.of(alert), TypeInformation.of(StatementInput.class))
                    .name("Alerts to statements").uid("statement-alerts"));
        }
        if (zoneEvents != null) {
            inputs = inputs.union(zoneEvents.map((ZoneEvent zone) -> StatementInput.of(zone), TypeInformation.of(StatementInput.class))
                    .name("Zones to statements").uid("statement-zones"));
        }
        if (answeredCases != null) {
            inputs = inputs.union(answeredCases
                    .filter(c -> CareCase.ANSWERED.equals(c.event()) && c.alertId() != null).name("Answered incident cases")
                    .uid("statement-answered-cases-filter")
                    .map((CareCase c) -> StatementInput.of(c), TypeInformation.of(StatementInput.class))
                    .name("Answered cases to statements").uid("statement-answered-cases"));
        }
        return inputs.keyBy(StatementInput::brand, Types.STRING)
                .process(new StatementTracker(options.allowedLateness()), TypeInformation.of(AlertEvent.class))
                .name("How fast brands spoke up")
                .uid("statement-tracker");
    }

    /** Complaint spikes per brand, with the zone alerts when there are any. */
    private DataStream<AlertEvent> detectSpikes(DataStream<WindowResult> results, DataStream<AlertEvent> zoneAlerts) {
        // The windows are spread by their whole key; their results, one per key and window, are few enough to regroup by brand.
        DataStream<AlertEvent> spikes = results.keyBy(WindowResult::brand, Types.STRING)
                .process(new SpikeDetector(options.detector(), options.windowSize(), options.allowedLateness()),
                        TypeInformation.of(AlertEvent.class))
                .name("Detect complaint spikes per brand")
                .uid("spike-detector");
        return zoneAlerts == null ? spikes : spikes.union(zoneAlerts);
    }

    /**
     * Cases per brand and conversation from the customer posts and brand replies (less the deleted ones, when
     * {@code removals} is given), measured against the alerts;
     * cases, queues and care windows to their destinations. Returns the unanswered-question alerts, or
     * null when they are off.
     */
    private DataStream<AlertEvent> trackCare(SingleOutputStreamOperator<TimedEnrichedPost> enriched, DataStream<AlertEvent> alertEvents,
            DataStream<Removal> removals) {
        CareSettings settings = care.settings();
        DataStream<BrandReply> replies = enriched.getSideOutput(EnrichPosts.BRAND_REPLIES)
                .keyBy(BrandReply::brand, Types.STRING)
                .process(new MarkCannedReplies(CannedReplySettings.defaults(), options.allowedLateness()), TypeInformation.of(BrandReply.class))
                .name("Mark canned replies")
                .uid("mark-canned-replies");
        // each path keeps its brands' clocks where it runs, chained, rather than meeting the other first
        SingleOutputStreamOperator<CaseInput> customerPosts = enriched.getSideOutput(EnrichPosts.CUSTOMER_POSTS)
                .map((CustomerPost post) -> CaseInput.of(CareInput.of(post)), TypeInformation.of(CaseInput.class))
                .name("Customer posts to care").uid("care-customer-posts")
                .transform("How far each brand's customer posts got", TypeInformation.of(CaseInput.class), new BrandClocks())
                .uid("care-customer-post-clocks");
        SingleOutputStreamOperator<CaseInput> brandReplies = replies
                .map((BrandReply reply) -> CaseInput.of(CareInput.of(reply)), TypeInformation.of(CaseInput.class))
                .name("Brand replies to care").uid("care-brand-replies")
                .transform("How far each brand's replies got", TypeInformation.of(CaseInput.class), new BrandClocks())
                .uid("care-brand-reply-clocks");
        DataStream<CaseInput> inputs = customerPosts.union(brandReplies);
        // Deletions of care posts come under their conversation, or, for posts shown before cases
        // were kept per conversation, under their brand alone: those go by the hand-over.
        DataStream<CareInput> formerDeletions;
        DataStream<CaseInput> caseInputs = inputs;
        if (removals != null) {
            DataStream<Removal> careRemovals = removals.filter(removal -> removal.of(Shown.CARE)).name("Deleted care posts")
                    .uid("deleted-care-posts");
            caseInputs = caseInputs.union(careRemovals.filter(removal -> removal.key().indexOf('|') >= 0)
                    .name("Deleted posts of conversations").uid("care-deletions-of-conversations")
                    .map(removal -> CaseInput.of(removal.key(), CareInput.of(new DeletedPost(CaseInput.brandOf(removal.key()),
                            removal.postId(), removal.time()))), TypeInformation.of(CaseInput.class))
                    .name("Deletions to care").uid("care-deletions"));
            formerDeletions = careRemovals.filter(removal -> removal.key().indexOf('|') < 0)
                    .name("Deleted posts of brands").uid("care-deletions-of-brands")
                    .map(removal -> CareInput.of(new DeletedPost(removal.key(), removal.postId(), removal.time())),
                            TypeInformation.of(CareInput.class))
                    .name("Deletions to the hand-over").uid("care-former-deletions");
        } else {
            // no deletions: an empty input keeps the hand-over, and the state it restores, in the job
            formerDeletions = customerPosts.flatMap((CaseInput input, Collector<CareInput> out) -> { }, TypeInformation.of(CareInput.class))
                    .name("No deletions to the hand-over").uid("care-no-former-deletions");
        }
        SingleOutputStreamOperator<CaseInput> handedOver = formerDeletions
                .keyBy(CareInput::brand, Types.STRING)
                .process(new CaseHandOver(settings.ttl(), options.allowedLateness()), TypeInformation.of(CaseInput.class))
                .name("Hand over the cases kept per brand")
                .uid("case-tracker");
        BroadcastStream<CareBroadcast> alertsAndClocks = alertEvents
                .map(CareBroadcast::of, TypeInformation.of(CareBroadcast.class)).name("Alerts to care").uid("care-alerts-to-cases")
                .union(customerPosts.getSideOutput(BrandClocks.CLOCKS), brandReplies.getSideOutput(BrandClocks.CLOCKS),
                        handedOver.getSideOutput(CaseHandOver.BROADCAST))
                .broadcast(CaseTracker.ALERTS, CaseTracker.CLOCKS);
        SingleOutputStreamOperator<CareCase> cases = caseInputs.union(handedOver)
                .keyBy(CaseInput::key, CaseTracker.KEY_TYPE)
                .connect(alertsAndClocks)
                .process(new CaseTracker(settings, options.allowedLateness()), TypeInformation.of(CareCase.class))
                .name("Track care cases per brand and conversation")
                .uid("care-conversations");
        deliver(cases, care.cases(), "Cases", "care-cases");
        answeredCases = cases;
        if (!care.queue().isEmpty()) {
            SingleOutputStreamOperator<BrandQueue> queue = cases
                    .keyBy(CareCase::brand, Types.STRING)
                    .process(new CareQueue(options.allowedLateness()), TypeInformation.of(BrandQueue.class))
                    .name(CareQueue.NAME)
                    .uid(CareQueue.UID);
            deliver(queue, care.queue(), "Care queues", "care-queue");
        }

        DataStream<CareFact> facts = cases
                .flatMap((CareCase c, Collector<CareFact> out) -> CareFact.of(c).forEach(out::collect), TypeInformation.of(CareFact.class))
                .name("Case events as care facts").uid("care-case-facts")
                .union(replies.map(CareFact::of, TypeInformation.of(CareFact.class))
                                .name("Brand replies as care facts").uid("care-reply-facts"),
                        cases.getSideOutput(CaseTracker.UNMATCHED_REPLIES)
                                .map(CareFact::unmatched, TypeInformation.of(CareFact.class))
                                .name("Unmatched replies as care facts").uid("care-unmatched-facts"));
        SingleOutputStreamOperator<CareWindow> careWindows = CareWindows.aggregate(facts, settings.window(), options.allowedLateness());
        deliver(careWindows, care.windows(), "Care windows", "care-windows");
        if (settings.alertThreshold() == 0) {
            return null;
        }
        return careWindows
                .keyBy(CareWindow::brand, Types.STRING)
                .process(new CareAlerts(settings.alertThreshold(), settings.window().toMillis(), options.allowedLateness().toMillis()), TypeInformation.of(AlertEvent.class))
                .name("Unanswered-question alerts per brand")
                .uid("care-alerts");
    }

    /**
     * Each destination's share of {@code stream} to its sink, under uids made of {@code uidPrefix}
     * and the destination's name, so that a savepoint finds them again.
     */
    private <T> void deliver(DataStream<T> stream, List<Destination<T>> destinations, String what, String uidPrefix) {
        for (Destination<T> destination : destinations) {
            sinkTo(stream.filter(destination.wanted()).name(what + " wanted by " + destination.name())
                            .uid(uidPrefix + "-filter-" + destination.name()),
                    destination.sink(), what + " to " + destination.name(), uidPrefix + "-" + destination.name());
        }
    }

    /**
     * {@code stream} to {@code sink}, or, when the sink is one of several Elasticsearch sinks made
     * from one ({@link ElasticsearchSink#withMapper}), as documents to their shared sink
     * ({@link #sinkDocuments}). The documents take the uid that the stream's own sink had, so that
     * a savepoint of a job with one sink per stream restores into them what those sinks held.
     */
    private <T> void sinkTo(DataStream<T> stream, Sink<T> sink, String name, String uid) {
        if (sink instanceof ElasticsearchSink<T> elasticsearch) {
            documentStreams.computeIfAbsent(elasticsearch.documents(), shared -> new ArrayList<>())
                    .add(stream.transform(name, TypeInformation.of(ElasticsearchDocument.class),
                            new ToDocuments<>(elasticsearch.mapper())).uid(uid));
        } else if (sink instanceof AlertRouter router) {
            @SuppressWarnings("unchecked") // an AlertRouter is a Sink<AlertEvent>, so T is AlertEvent
            DataStream<AlertEvent> alerts = (DataStream<AlertEvent>) stream;
            router.attach(alerts, name, uid);
        } else {
            stream.sinkTo(sink).name(name).uid(uid);
        }
    }

    /**
     * Every document stream into its shared sink: one Elasticsearch writer, client and dead-letter
     * producer per subtask instead of one per stream, and one buffer per subtask, in which every
     * current-state document (case, zone, alert, window) is written once per flush.
     */
    private void sinkDocuments() {
        int sinks = 0;
        for (Map.Entry<ElasticsearchSink<ElasticsearchDocument>, List<DataStream<ElasticsearchDocument>>> shared
                : documentStreams.entrySet()) {
            List<DataStream<ElasticsearchDocument>> streams = shared.getValue();
            DataStream<ElasticsearchDocument> documents = streams.get(0);
            for (DataStream<ElasticsearchDocument> more : streams.subList(1, streams.size())) {
                documents = documents.union(more);
            }
            documents.sinkTo(shared.getKey()).name("Elasticsearch")
                    .uid(sinks++ == 0 ? "elasticsearch-sink" : "elasticsearch-sink-" + sinks);
        }
    }

    /** Deletions in the order they happened; without a time of their own, their record's time stands for it. */
    private WatermarkStrategy<Ingested<Deletion>> deletionWatermarks() {
        return WatermarkStrategy.<Ingested<Deletion>>forBoundedOutOfOrderness(options.maxOutOfOrderness())
                .withIdleness(options.sourceIdleness())
                .withTimestampAssigner((record, previous) -> record.isOk() && record.value.deletedAt() >= 0
                        ? record.value.deletedAt() : record.isOk() ? previous : Long.MIN_VALUE);
    }

    private WatermarkStrategy<Ingested<Post>> watermarks() {
        return WatermarkStrategy.<Ingested<Post>>forBoundedOutOfOrderness(options.maxOutOfOrderness())
                .withIdleness(options.sourceIdleness())
                // A dead letter carries no trustworthy event time: the lowest timestamp never moves the watermark.
                .withTimestampAssigner((record, previous) -> record.isOk() ? record.value.createdAt() : Long.MIN_VALUE);
    }
}
