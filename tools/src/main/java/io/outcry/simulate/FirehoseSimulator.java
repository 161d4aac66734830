package io.outcry.simulate;

import io.outcry.locate.Geo;
import io.outcry.post.Author;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import io.outcry.simulate.AuthorPool.SimAuthor;
import io.outcry.simulate.Brands.Brand;
import io.outcry.simulate.Cities.City;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A deterministic synthetic firehose: the same {@link SimulationConfig} always yields the same
 * records, byte for byte. It reads no clock and iterates no hash-ordered collection.
 *
 * <p>Posts arrive as a Poisson process whose rate follows the hour of day in Rome (quiet at
 * night, peaking in the evening); each real incident adds its own arrivals on top, at least
 * {@link IncidentPlan#minExtraPerMinute()} a minute from distinct authors, and each noise event
 * schedules its posts or retweets when it starts. Records come out
 * in emission order: most a fraction of a second after their event time, some up to
 * {@link SimulationConfig#maxDisorder()} later (out of order), a share 60-180 s later (late).
 *
 * <p>{@link SimulationConfig#profile()} sets the regime ({@link Profile}): in the realistic one
 * each brand has its own rate, every post draws where it is written and what it shows of it
 * ({@link Spot}), and incidents are sized to the brand.
 *
 * <p>With {@link SimulationConfig#care()} the brands' care desks ({@link CustomerCare}) add
 * questions, labelled canned and personal replies and follow-ups, drawn from a random of their
 * own: the other records of a seed are the same with care on or off.
 */
public final class FirehoseSimulator {

    /** Twitter's snowflake epoch: simulated ids look like, and sort like, real tweet ids. */
    private static final long SNOWFLAKE_EPOCH = 1_288_834_974_657L;
    private static final ZoneRules ROME = ZoneId.of("Europe/Rome").getRules();
    /** Posting activity by local hour, relative to the evening peak. */
    private static final double[] HOURLY_ACTIVITY = {
        0.35, 0.22, 0.14, 0.10, 0.08, 0.10, 0.18, 0.35, 0.55, 0.65, 0.68, 0.70,
        0.72, 0.75, 0.70, 0.68, 0.70, 0.78, 0.88, 0.95, 1.00, 1.00, 0.85, 0.60};
    static final double BRANDED_SHARE = 0.9;
    static final double COMPLAINT_SHARE = 0.5;
    private static final double PRAISE_SHARE = 0.2;
    /** Bot bursts per organic post. */
    private static final double BURST_SHARE = 0.004;
    private static final double BRAND_REPLY_SHARE = 0.12;
    private static final double OUTAGE_RAMP_MILLIS = 3 * 60_000;
    /** Care records' tie-breakers start here: after every other record of the same millisecond. */
    private static final long CARE_SEQ = 1L << 62;

    private final SimulationConfig config;

    public FirehoseSimulator(SimulationConfig config) {
        this.config = config;
        config.incidents().forEach(i -> {
            Brand brand = Brands.byId(i.brand());
            if (i.type() == IncidentPlan.Type.OUTAGE) {
                Cities.regionName(i.regionCode());
                if (brand.industry() != Brands.Industry.TELCO) {
                    throw new IllegalArgumentException("an outage is written about a telco (its posts say 'no signal'), not "
                            + brand.id() + "; use a complaint spike for other brands");
                }
            }
            if (!brand.industry().topics.contains(i.topic())) {
                throw new IllegalArgumentException("incident topic '" + i.topic() + "' does not apply to " + brand.id()
                        + "; use one of " + brand.industry().topics);
            }
        });
    }

    /** Every record of the run, in emission order; each call starts the run afresh. */
    public Iterator<SimulatedRecord> records() {
        return new Run();
    }

    /** Feeds every record to the sink in emission order and returns what was emitted. */
    public GroundTruth run(Consumer<SimulatedRecord> sink) {
        Run run = new Run();
        while (run.hasNext()) {
            sink.accept(run.next());
        }
        return run.truth();
    }

    /** Rate multiplier of the hour of day in Rome, linearly interpolated between hours. */
    static double dayActivity(long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        long localMillis = epochMillis + ROME.getOffset(instant).getTotalSeconds() * 1000L;
        double hour = Math.floorMod(localMillis, 86_400_000L) / 3_600_000.0;
        int h = (int) hour;
        double frac = hour - h;
        return HOURLY_ACTIVITY[h] * (1 - frac) + HOURLY_ACTIVITY[(h + 1) % 24] * frac;
    }

    private interface Action {
        void fire(long time);
    }

    private record Scheduled(long time, long seq, Action action) {}

    private record Pending(SimulatedRecord record, long seq) {}

    /** The state of one run: generation proceeds in event-time order, release in emission order. */
    private final class Run implements Iterator<SimulatedRecord> {

        private final SplittableRandom random = new SplittableRandom(config.seed());
        private final boolean realistic = config.profile() == Profile.REALISTIC;
        private final AuthorPool authors = new AuthorPool(random.split(), config.profile());
        private final Texts texts = new Texts(random.split(), realistic);
        private final double[] brandCumulative = brandCumulative(config);
        private final double organicPeakRate = config.organicPeakRate();
        /** Every incident, in plan order: the ground truth lists them so. */
        private final List<ActiveIncident> incidents = new ArrayList<>();
        /** The real incidents, whose posts arrive as Poisson streams beside the organic one. */
        private final List<RealIncident> streams = new ArrayList<>();
        private final long start = config.start().toEpochMilli();
        private final long end = config.end().toEpochMilli();
        private final PriorityQueue<Scheduled> scheduled =
                new PriorityQueue<>(Comparator.comparingLong(Scheduled::time).thenComparingLong(Scheduled::seq));
        private final PriorityQueue<Pending> pending = new PriorityQueue<>(
                Comparator.comparingLong((Pending p) -> p.record().emitTime()).thenComparingLong(Pending::seq));
        private double nextArrival = start;
        private long seq;
        private long records, posts, retweets, replies, spam, malformed, late;
        private final TreeMap<String, Long> malformedByKind = new TreeMap<>();
        /** Tie-breakers of care records, apart from {@link #seq} so that care never shifts the other records. */
        private long careSeq = CARE_SEQ;
        private long careIds;
        private final CustomerCare care = config.care() ? new CustomerCare(config, authors, new CareOutlet()) : null;

        /** What the care desks write goes through here, never through {@link #random} or {@link #seq}. */
        private final class CareOutlet implements CustomerCare.Firehose {

            /**
             * The sequence bits sit half their range away from the firehose's current {@link #seq}:
             * a post in the same millisecond would need a million posts in between to collide.
             */
            @Override
            public String postId(long time) {
                long bits = seq + (1L << 21) + (careIds++ & 0xFFFFF);
                return Long.toString(((time - SNOWFLAKE_EPOCH) << 22) | (bits & 0x3FFFFF));
            }

            @Override
            public void schedule(long time, LongConsumer action) {
                scheduled.add(new Scheduled(time, careSeq++, action::accept));
            }

            @Override
            public void emit(Post post, Kind kind, SplittableRandom careRandom) {
                pending.add(new Pending(record(post, kind, careRandom), careSeq++));
            }
        }

        Run() {
            for (IncidentPlan plan : config.incidents()) {
                ActiveIncident incident = switch (plan.type()) {
                    case COMPLAINT_SPIKE -> new ComplaintSpike(plan);
                    case OUTAGE -> new Outage(plan);
                    case RETWEET_STORM -> new RetweetStorm(plan);
                    case BOT_BURST -> new BotBurst(plan);
                    case FURIOUS_ACCOUNT -> new FuriousAccount(plan);
                };
                incidents.add(incident);
                if (incident instanceof RealIncident real) {
                    streams.add(real);
                }
                incident.begin();
            }
            nextArrival = start + gap(start);
        }

        @Override
        public boolean hasNext() {
            fill();
            return !pending.isEmpty();
        }

        @Override
        public SimulatedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the simulation has ended");
            }
            SimulatedRecord record = pending.poll().record();
            count(record);
            return record;
        }

        /** Generates until the earliest pending record can no longer be overtaken. */
        private void fill() {
            while (true) {
                long frontier = frontier();
                if (!pending.isEmpty() && pending.peek().record().emitTime() <= frontier) {
                    return;
                }
                if (frontier == Long.MAX_VALUE) {
                    return;
                }
                generateNext();
            }
        }

        /** Event time of the next thing to generate: nothing generated later is emitted before it. */
        private long frontier() {
            while (!scheduled.isEmpty() && scheduled.peek().time() >= end) {
                scheduled.poll();
            }
            long arrival = nextArrival < end ? (long) nextArrival : Long.MAX_VALUE;
            long next = scheduled.isEmpty() ? Long.MAX_VALUE : scheduled.peek().time();
            return Math.min(arrival, next);
        }

        private void generateNext() {
            long arrival = (long) nextArrival;
            if (!scheduled.isEmpty() && scheduled.peek().time() <= arrival || nextArrival >= end) {
                Scheduled s = scheduled.poll();
                s.action().fire(s.time());
                return;
            }
            double[] rates = rates(arrival);
            double u = random.nextDouble() * sum(rates);
            int component = 0;
            while (component < rates.length - 1 && u >= rates[component]) {
                u -= rates[component++];
            }
            if (component == 0) {
                organic(arrival);
            } else if (component == 1) {
                spamBurst(arrival);
            } else {
                streams.get(component - 2).arrive(arrival);
            }
            nextArrival += gap((long) nextArrival);
        }

        /** Posts per minute of each arrival stream: organic, bot bursts, then each real incident. */
        private double[] rates(long time) {
            double base = organicPeakRate * dayActivity(time);
            double[] rates = new double[2 + streams.size()];
            rates[0] = base;
            rates[1] = base * BURST_SHARE;
            for (int i = 0; i < streams.size(); i++) {
                rates[2 + i] = streams.get(i).rate(time, base);
            }
            return rates;
        }

        private double gap(long time) {
            double perMillis = sum(rates(time)) / 60_000.0;
            return -Math.log(1 - random.nextDouble()) / perMillis;
        }

        private void organic(long time) {
            SimAuthor author = authors.byActivity(random);
            boolean italian = language(author);
            Spot spot = spot(author);
            String town = spot.textTown();
            String text;
            Brand brand = null;
            boolean complaint = false;
            String topic = null;
            if (random.nextDouble() >= BRANDED_SHARE) {
                text = texts.chatter(italian, town);
            } else {
                brand = Brands.ALL.get(AuthorPool.pick(brandCumulative, random.nextDouble()));
                double kind = random.nextDouble();
                if (kind < COMPLAINT_SHARE) {
                    complaint = true;
                    topic = complaintTopic(brand);
                    text = texts.complaint(italian, brand, topic, town);
                } else if (kind < COMPLAINT_SHARE + PRAISE_SHARE) {
                    text = texts.praise(italian, brand, town);
                } else {
                    text = texts.question(italian, brand, town);
                }
            }
            Post post = post(time, author, spot, text, italian, 0.55, 0.25, null, null);
            if (random.nextDouble() < config.malformedShare()) {
                Malformation malformation = Malformation.values()[random.nextInt(Malformation.values().length)];
                byte[] bytes = malformation.apply(CanonicalPostJson.write(post));
                long emit = time + ordinaryDelay();
                pending.add(new Pending(new SimulatedRecord(time, emit, key(post), bytes, Kind.MALFORMED, false,
                        malformation), seq++));
                return;
            }
            emit(post, Kind.POST);
            scheduleRetweets(post, author, 0);
            if (complaint && care != null) {
                care.complaint(post, author, brand, topic);
            }
            if (complaint && random.nextDouble() < BRAND_REPLY_SHARE) {
                Brand answering = brand;
                schedule(time + 120_000 + random.nextInt(13 * 60_000), t -> brandReply(t, answering, post, author));
            }
        }

        /** A topic drawn by the industry's weights; the remainder is a complaint about nothing specific. */
        private String complaintTopic(Brand brand) {
            double u = random.nextDouble();
            Brands.Industry industry = brand.industry();
            for (int i = 0; i < industry.topics.size(); i++) {
                if (u < industry.topicWeights[i]) {
                    return industry.topics.get(i);
                }
                u -= industry.topicWeights[i];
            }
            return null;
        }

        private void spamBurst(long time) {
            SimAuthor bot = authors.bot(random);
            Brand brand = Brands.ALL.get(random.nextInt(Brands.ALL.size()));
            String campaign = texts.spamCampaign(brand);
            boolean italian = !campaign.startsWith("FREE");
            int size = 5 + random.nextInt(11);
            long at = time;
            for (int i = 0; i < size; i++) {
                schedule(at, t -> emit(post(t, bot, texts.spam(brand, campaign), italian, 0, 0, null, null), Kind.SPAM));
                at += 2_000 + random.nextInt(15_000);
            }
        }

        private void brandReply(long time, Brand brand, Post complaint, SimAuthor customer) {
            boolean italian = "it".equals(complaint.lang());
            SimAuthor official = new SimAuthor(new Author(Long.toString(10_000L + Brands.ALL.indexOf(brand)),
                    brand.handle(), brand.followers(), true, "Italia"), customer.city(), italian);
            String text = texts.brandReply(italian, customer.author().handle());
            Post reply = post(time, official, text, italian, 0, 0, complaint, null);
            // With care simulated its desks answer instead; this reply is still drawn, and dropped,
            // so that every other record of the seed stays as it was (the backtests' figures rest on them).
            SimulatedRecord record = record(reply, Kind.REPLY, random);
            Pending pendingReply = new Pending(record, seq++);
            if (care == null) {
                pending.add(pendingReply);
            }
        }

        /** Influencers get reshared a lot, ordinary accounts now and then. */
        private void scheduleRetweets(Post original, SimAuthor author, double extraChance) {
            long followers = author.author().followers();
            int count;
            if (followers >= 50_000) {
                count = 1 + random.nextInt(5);
            } else if (random.nextDouble() < (followers > 1_000 ? 0.10 : 0.03) + extraChance) {
                count = 1 + random.nextInt(2);
            } else {
                count = 0;
            }
            for (int i = 0; i < count; i++) {
                long delay = Math.min(30 * 60_000L, 5_000 + (long) (-Math.log(1 - random.nextDouble()) * 4 * 60_000));
                schedule(original.createdAt() + delay, t -> retweet(t, original));
            }
        }

        private void retweet(long time, Post original) {
            SimAuthor author = authors.anyone(random);
            while (author.author().handle().equals(original.author().handle())) {
                author = authors.anyone(random);
            }
            emit(retweetBy(time, author, original), Kind.RETWEET);
        }

        private Post retweetBy(long time, SimAuthor author, Post original) {
            String text = "RT @" + original.author().handle() + ": " + original.text();
            return post(time, author, text, "it".equals(original.lang()), 0, 0, null, original.id());
        }

        private boolean language(SimAuthor author) {
            return random.nextInt(10) == 0 ? !author.italian() : author.italian();
        }

        private void schedule(long time, Action action) {
            scheduled.add(new Scheduled(time, seq++, action));
        }

        private Post post(long time, SimAuthor author, String text, boolean italian, double coordinatesShare,
                          double placeShare, Post repliedTo, String retweetedId) {
            return post(time, author, Spot.home(author), text, italian, coordinatesShare, placeShare, repliedTo, retweetedId);
        }

        private Post post(long time, SimAuthor author, Spot spot, String text, boolean italian, double coordinatesShare,
                          double placeShare, Post repliedTo, String retweetedId) {
            String id = Long.toString(((time - SNOWFLAKE_EPOCH) << 22) | (seq++ & 0x3FFFFF));
            return spot.post(id, time, author, text, italian, coordinatesShare, placeShare, repliedTo, retweetedId, random);
        }

        private Spot spot(SimAuthor author) {
            return Spot.draw(author, config.profile(), random);
        }

        private void emit(Post post, Kind kind) {
            pending.add(new Pending(record(post, kind, random), seq++));
        }

        private long ordinaryDelay() {
            return FirehoseSimulator.this.ordinaryDelay(random);
        }

        private void count(SimulatedRecord record) {
            records++;
            switch (record.kind()) {
                case POST -> posts++;
                case RETWEET -> retweets++;
                case REPLY -> replies++;
                case STATEMENT -> { }
                case SPAM -> spam++;
                case MALFORMED -> {
                    malformed++;
                    malformedByKind.merge(record.malformation().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                }
            }
            if (record.late()) {
                late++;
            }
        }

        GroundTruth truth() {
            return new GroundTruth(config.seed(), config.start().toString(), config.end().toString(),
                    new GroundTruth.Totals(records, posts, retweets, replies, spam, malformed, late),
                    new TreeMap<>(malformedByKind), incidents.stream().map(ActiveIncident::truth).toList(),
                    care == null ? null : care.truth(), config.profile().id(), config.brandPeakRates());
        }

        /** An injected incident or noise event and what it has emitted so far. */
        private abstract class ActiveIncident {
            final IncidentPlan plan;
            final Brand brand;
            final long from;
            final long until;
            private long incidentPosts;
            private long retweetsMade;
            private final TreeSet<String> authorIds = new TreeSet<>();
            final List<String> accounts = new ArrayList<>();

            ActiveIncident(IncidentPlan plan) {
                this.plan = plan;
                this.brand = Brands.byId(plan.brand());
                this.from = Math.min(end, start + plan.offset().toMillis());
                this.until = Math.min(end, from + plan.duration().toMillis());
            }

            /** Schedules what the incident does at fixed times; called once, in plan order. */
            abstract void begin();

            void emitPost(Post post) {
                incidentPosts++;
                authorIds.add(post.author().id());
                emit(post, Kind.POST);
            }

            void emitRetweet(Post retweet) {
                retweetsMade++;
                authorIds.add(retweet.author().id());
                emit(retweet, Kind.RETWEET);
            }

            String regionCode() {
                return null;
            }

            String recoveryPostsUntil() {
                return null;
            }

            GroundTruth.Area area() {
                return null;
            }

            long recoveryPosts() {
                return 0;
            }

            GroundTruth.Incident truth() {
                String region = regionCode();
                return new GroundTruth.Incident(plan.type().id(), plan.type().noise(), plan.brand(), plan.topic(),
                        region, region == null ? null : Cities.regionName(region), area(),
                        Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(until).toString(),
                        recoveryPostsUntil(), incidentPosts, recoveryPosts(), retweetsMade, authorIds.size(),
                        List.copyOf(accounts));
            }
        }

        /**
         * A real incident: a Poisson stream of posts whose rate follows the plan's intensity, plus
         * a floor of {@link IncidentPlan#minExtraPerMinute()} posts in every minute, one in each
         * equal slice of it, so that even a small brand at night is detectably hit. The floor
         * posts replace as many stream posts, so the rate is the larger of the two, not the sum.
         */
        private abstract class RealIncident extends ActiveIncident {
            private final DistinctAuthors authorsOfIt;

            RealIncident(IncidentPlan plan, List<SimAuthor> candidates) {
                super(plan);
                this.authorsOfIt = new DistinctAuthors(candidates);
            }

            /** Posts per minute the intensity asks for at the time, before the floor. */
            abstract double intensityRate(long time, double base);

            abstract void arrive(long time);

            @Override
            void begin() {
                int perMinute = plan.minExtraPerMinute();
                for (long minute = from; minute < until; minute += 60_000) {
                    for (int slot = 0; slot < perMinute; slot++) {
                        long at = minute + (long) ((slot + random.nextDouble()) * 60_000 / perMinute);
                        if (at < until) {
                            schedule(at, this::arrive);
                        }
                    }
                }
            }

            /** Posts per minute the stream adds at the time, on top of the organic base rate and the floor. */
            double rate(long time, double base) {
                double floor = time >= from && time < until ? plan.minExtraPerMinute() : 0;
                return Math.max(0, intensityRate(time, base) - floor);
            }

            SimAuthor nextAuthor() {
                return authorsOfIt.draw(random);
            }
        }

        private final class ComplaintSpike extends RealIncident {
            private final double brandPeakRate;

            ComplaintSpike(IncidentPlan plan) {
                super(plan, authors.everyone());
                this.brandPeakRate = config.brandPeakRates().get(plan.brand());
            }

            @Override
            double intensityRate(long time, double base) {
                if (time < from || time >= until) {
                    return 0;
                }
                if (realistic) {
                    return plan.intensity() * brandPeakRate * dayActivity(time) * COMPLAINT_SHARE;
                }
                double usual = base * BRANDED_SHARE * brandShare() * COMPLAINT_SHARE * brand.industry().topicShare(plan.topic());
                return (plan.intensity() - 1) * usual;
            }

            private double brandShare() {
                return brand.share() / Brands.ALL.stream().mapToDouble(Brand::share).sum();
            }

            @Override
            void arrive(long time) {
                SimAuthor author = nextAuthor();
                boolean italian = language(author);
                Spot spot = spot(author);
                Post post = post(time, author, spot, texts.complaint(italian, brand, plan.topic(), spot.textTown()),
                        italian, 0.55, 0.25, null, null);
                emitPost(post);
                scheduleRetweets(post, author, 0.05);
                if (care != null) {
                    care.complaint(post, author, brand, plan.topic());
                }
            }
        }

        /**
         * A regional outage: residents of the region (of its towns, when the plan names them, and
         * a share of visitors there) say it is down, then that it works again.
         */
        private final class Outage extends RealIncident {
            private final long recoveryUntil;
            private long recovered;
            /** Outage posts per city, for the ground truth's area. */
            private final TreeMap<String, Long> postsByCity = new TreeMap<>();
            private final TreeMap<String, City> cities = new TreeMap<>();

            /** In the realistic regime, people from elsewhere who happen to be in the towns hit. */
            private final DistinctAuthors visitors;

            Outage(IncidentPlan plan) {
                super(plan, plan.towns().isEmpty() ? residents(plan.regionCode()) : residents(plan.towns()));
                this.recoveryUntil = Math.min(end, until + plan.recovery().toMillis());
                this.visitors = plan.towns().isEmpty() ? null : new DistinctAuthors(authors.everyone().stream()
                        .filter(a -> !plan.towns().contains(a.city().name())).toList());
            }

            @Override
            double intensityRate(long time, double base) {
                double level = realistic ? plan.intensity() : plan.intensity() * base;
                if (time >= from && time < until) {
                    return level * Math.min(1, (time - from + 1) / OUTAGE_RAMP_MILLIS);
                }
                if (time >= until && time < recoveryUntil) {
                    double peak = Math.max(level, plan.minExtraPerMinute());
                    return 0.8 * peak * (1 - (double) (time - until) / (recoveryUntil - until));
                }
                return 0;
            }

            @Override
            void arrive(long time) {
                boolean visiting = visitors != null && random.nextDouble() < Profile.VISITOR_SHARE;
                SimAuthor author = visiting ? visitors.draw(random) : nextAuthor();
                boolean italian = language(author);
                boolean recovering = time >= until;
                Spot spot = visiting ? Spot.in(Cities.byName(plan.towns().get(random.nextInt(plan.towns().size()))), random)
                        : realistic ? Spot.in(author.city(), random) : Spot.home(author);
                City at = spot.at();
                String text = recovering
                        ? texts.recovery(italian, brand, spot.textTown())
                        : texts.outage(italian, brand, spot.textTown());
                Post post = post(time, author, spot, text, italian, 0.7, 0.2, null, null);
                if (recovering) {
                    recovered++;
                    emit(post, Kind.POST);
                } else {
                    emitPost(post);
                    postsByCity.merge(at.name(), 1L, Long::sum);
                    if (care != null) {
                        care.complaint(post, author, brand, plan.topic());
                    }
                    cities.putIfAbsent(at.name(), at);
                }
                scheduleRetweets(post, author, recovering ? 0.3 : 0.1);
            }

            @Override
            GroundTruth.Area area() {
                List<GroundTruth.Town> towns = postsByCity.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> new GroundTruth.Town(e.getKey(), cities.get(e.getKey()).lat(), cities.get(e.getKey()).lon(), e.getValue()))
                        .toList();
                long total = towns.stream().mapToLong(GroundTruth.Town::posts).sum();
                if (total == 0) {
                    return null;
                }
                GeoPoint centre = new GeoPoint(towns.stream().mapToDouble(t -> t.lat() * t.posts()).sum() / total,
                        towns.stream().mapToDouble(t -> t.lon() * t.posts()).sum() / total);
                double radius = towns.stream().mapToDouble(t -> Geo.km(centre, new GeoPoint(t.lat(), t.lon()))).max().orElse(0);
                return new GroundTruth.Area(Math.round(centre.lat() * 1e5) / 1e5, Math.round(centre.lon() * 1e5) / 1e5,
                        Math.round(radius * 10) / 10.0, towns);
            }

            @Override
            String regionCode() {
                return plan.regionCode();
            }

            @Override
            String recoveryPostsUntil() {
                return Instant.ofEpochMilli(recoveryUntil).toString();
            }

            @Override
            long recoveryPosts() {
                return recovered;
            }
        }

        private List<SimAuthor> residents(List<String> towns) {
            List<SimAuthor> residents = authors.livingIn(towns);
            if (residents.isEmpty()) {
                throw new IllegalArgumentException("no simulated account lives in " + towns + " with seed " + config.seed());
            }
            return residents;
        }

        private List<SimAuthor> residents(String regionCode) {
            List<SimAuthor> residents = authors.livingIn(regionCode);
            if (residents.isEmpty()) {
                throw new IllegalArgumentException("no simulated account lives in region " + regionCode
                        + " with seed " + config.seed() + "; choose a more populous region");
            }
            return residents;
        }

        /** Noise: one influencer's complaint reshared hundreds of times, most of it early on. */
        private final class RetweetStorm extends ActiveIncident {

            RetweetStorm(IncidentPlan plan) {
                super(plan);
            }

            @Override
            void begin() {
                schedule(from, this::complainAndGetReshared);
            }

            private void complainAndGetReshared(long time) {
                SimAuthor influencer = authors.influencer(random);
                accounts.add(influencer.author().handle());
                boolean italian = language(influencer);
                Spot spot = spot(influencer);
                Post original = post(time, influencer, spot, texts.complaint(italian, brand, plan.topic(), spot.textTown()),
                        italian, 0.55, 0.25, null, null);
                emitPost(original);
                DistinctAuthors resharers = new DistinctAuthors(authors.everyone().stream()
                        .filter(a -> a != influencer).toList());
                long spread = Math.max(1, until - time - 5_000);
                for (int i = 0; i < (int) plan.intensity(); i++) {
                    double u = random.nextDouble();
                    SimAuthor resharer = resharers.draw(random);
                    schedule(time + 5_000 + (long) (spread * u * u), t -> emitRetweet(retweetBy(t, resharer, original)));
                }
            }
        }

        /** Noise: a fresh network of bots posting one complaint with small variations, seconds apart. */
        private final class BotBurst extends ActiveIncident {

            BotBurst(IncidentPlan plan) {
                super(plan);
            }

            @Override
            void begin() {
                schedule(from, this::launch);
            }

            private void launch(long time) {
                List<SimAuthor> network = authors.botNetwork(random, (int) plan.intensity());
                boolean italian = random.nextInt(4) != 0;
                String complaint = texts.complaint(italian, brand, plan.topic(), Cities.ALL.get(0).name());
                for (SimAuthor bot : network) {
                    accounts.add(bot.author().handle());
                    int posts = 3 + random.nextInt(6);
                    for (int i = 0; i < posts; i++) {
                        String text = texts.botVariant(complaint, brand);
                        schedule(time + random.nextLong(until - time),
                                t -> emitPost(post(t, bot, text, italian, 0, 0, null, null)));
                    }
                }
            }
        }

        /** Noise: one ordinary account posting complaint after complaint, each worded differently. */
        private final class FuriousAccount extends ActiveIncident {

            FuriousAccount(IncidentPlan plan) {
                super(plan);
            }

            @Override
            void begin() {
                schedule(from, this::rage);
            }

            private void rage(long time) {
                SimAuthor author = authors.ordinary(random);
                accounts.add(author.author().handle());
                int count = (int) plan.intensity();
                TreeSet<String> written = new TreeSet<>();
                for (int i = 0; i < count; i++) {
                    Spot spot = spot(author);
                    String text = distinctComplaint(author, spot.textTown(), i + 1, written);
                    long at = time + (long) ((i + random.nextDouble()) * (until - time) / count);
                    schedule(at, t -> emitPost(post(t, author, spot, text, author.italian(), 0.55, 0.25, null, null)));
                }
            }

            /** Templates run out for a long tirade; the post number keeps it from repeating itself word for word. */
            private String distinctComplaint(SimAuthor author, String town, int nth, TreeSet<String> written) {
                for (int attempt = 0; attempt < 20; attempt++) {
                    String text = texts.furious(author.italian(), brand, plan.topic(), town, nth);
                    if (written.add(text)) {
                        return text;
                    }
                }
                String text = texts.furious(author.italian(), brand, plan.topic(), town, nth) + " (" + nth + ")";
                written.add(text);
                return text;
            }
        }
    }

    /**
     * A post by the author at the time, answering {@code repliedTo} unless null. Its geo is the
     * author's city: exact coordinates a few km from the centre with the first share, the place
     * only with the second, none otherwise.
     */
    static Post post(String id, long time, SimAuthor author, String text, boolean italian, double coordinatesShare,
                     double placeShare, Post repliedTo, String retweetedId, SplittableRandom random) {
        City city = author.city();
        double geo = random.nextDouble();
        GeoPoint coordinates = null;
        Place place = null;
        if (geo < coordinatesShare + placeShare) {
            place = new Place(city.name(), "IT", new GeoPoint(city.lat(), city.lon()));
            if (geo < coordinatesShare) {
                coordinates = jitter(city, random);
            }
        }
        return new Post(id, "twitter", time, author.author(), text, italian ? "it" : "en", coordinates, place,
                repliedTo == null ? null : repliedTo.id(), null, retweetedId, PostText.mentions(text), PostText.hashtags(text),
                null, conversation(id, repliedTo));
    }

    /**
     * The conversation X would give the post: a reply joins its parent's, anything else (a
     * retweet too) starts its own, so care finds a whole simulated thread under one key.
     */
    static String conversation(String id, Post repliedTo) {
        return repliedTo == null ? id : repliedTo.conversationId();
    }

    /** Uniform within 4 km of the city centre. */
    static GeoPoint jitter(City city, SplittableRandom random) {
        double km = 4 * Math.sqrt(random.nextDouble());
        double angle = 2 * Math.PI * random.nextDouble();
        double lat = city.lat() + km * Math.cos(angle) / 111.32;
        double lon = city.lon() + km * Math.sin(angle) / (111.32 * Math.cos(Math.toRadians(city.lat())));
        return new GeoPoint(Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    }

    /** The post as a record of the firehose: a share of posts is late, the rest straggles a little. */
    private SimulatedRecord record(Post post, Kind kind, SplittableRandom random) {
        boolean isLate = random.nextDouble() < config.lateShare();
        long delay = isLate
                ? config.lateMin().toMillis() + random.nextLong(config.lateMax().toMillis() - config.lateMin().toMillis() + 1)
                : ordinaryDelay(random);
        return new SimulatedRecord(post.createdAt(), post.createdAt() + delay, key(post), CanonicalPostJson.write(post),
                kind, isLate, null);
    }

    /** Most posts arrive within a second; a third straggle up to the configured disorder. */
    private long ordinaryDelay(SplittableRandom random) {
        long max = config.maxDisorder().toMillis();
        return random.nextInt(3) == 0 ? random.nextLong(max + 1) : random.nextLong(Math.min(max, 1_000) + 1);
    }

    private static byte[] key(Post post) {
        return post.id().getBytes(StandardCharsets.UTF_8);
    }

    /** Brands drawn by their share of the peak rate: the catalogue's shares now, each brand's own rate when realistic. */
    static double[] brandCumulative(SimulationConfig config) {
        Map<String, Double> rates = config.brandPeakRates();
        double[] weights = config.profile() == Profile.CURRENT
                ? Brands.ALL.stream().mapToDouble(Brand::share).toArray()
                : Brands.ALL.stream().mapToDouble(b -> rates.get(b.id())).toArray();
        if (config.hotBrandShare() > 0) {
            int hot = Brands.ALL.stream().map(Brand::id).toList().indexOf(SimulationConfig.HOT_BRAND);
            double others = sum(weights) - weights[hot];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = i == hot ? config.hotBrandShare() : (1 - config.hotBrandShare()) * weights[i] / others;
            }
        }
        return AuthorPool.cumulative(weights);
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
