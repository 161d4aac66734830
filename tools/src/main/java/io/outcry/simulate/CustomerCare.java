package io.outcry.simulate;

import io.outcry.post.Author;
import io.outcry.post.Post;
import io.outcry.simulate.AuthorPool.SimAuthor;
import io.outcry.simulate.Brands.Brand;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The brands' care desks in a simulated firehose. Customers address questions to a brand's
 * account ("@tim_official quando torna la linea a Bari?"); the desk answers most questions and
 * some complaints after a delay drawn from a log-normal law (minutes to hours, a share beyond an
 * hour) within its working hours, 08:00-22:00 in Rome, and ignores the rest. An answer is one of
 * the brand's templates with a brand-dependent probability, else written for the case (in the
 * {@link Profile#REALISTIC} regime, from the desk's few stock phrases, as real desks do). Some
 * customers write back in the thread and most of them get a second answer.
 *
 * <p>Every draw comes from a random of its own, seeded from the run's seed: whether care is on or
 * off, every record that is not care (not a brand reply, question or follow-up) is the same.
 */
final class CustomerCare {

    /** Where care records go: the run gives them ids no other post has, times to happen at, and a place in the output. */
    interface Firehose {
        String postId(long time);

        void schedule(long time, LongConsumer action);

        void emit(Post post, Kind kind, SplittableRandom random);
    }

    /**
     * How a brand's desk behaves.
     *
     * @param complaintReplies share of complaints it answers
     * @param answered         share of questions it answers
     * @param canned           share of answers that are templates
     * @param medianMinutes    median delay of an answer
     * @param signature        0: agents do not sign; 1: "^AB"; 2: "-AB"
     */
    record Desk(double complaintReplies, double answered, double canned, double medianMinutes, int signature) {}

    static final Map<String, Desk> DESKS = Map.of(
            "tim", new Desk(0.22, 0.85, 0.70, 20, 1),
            "vodafone", new Desk(0.25, 0.90, 0.55, 12, 2),
            "windtre", new Desk(0.15, 0.75, 0.80, 35, 1),
            "iliad", new Desk(0.20, 0.92, 0.30, 8, 0),
            "fastweb", new Desk(0.18, 0.80, 0.45, 25, 2),
            "ita_airways", new Desk(0.20, 0.80, 0.50, 30, 1),
            "ryanair", new Desk(0.15, 0.70, 0.80, 45, 0),
            "poste", new Desk(0.20, 0.78, 0.65, 40, 2));

    /** Questions addressed to a brand per organic post. */
    private static final double QUESTIONS_PER_POST = 0.04;
    private static final double FOLLOW_UP_SHARE = 0.25;
    private static final double FOLLOW_UP_ANSWERED = 0.8;
    private static final double DELAY_SIGMA = 1.0;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final int OPENS = 8;
    private static final int CLOSES = 22;
    private static final int AGENTS_PER_BRAND = 5;
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** Mixed into the run's seed so that care draws never repeat the firehose's own. */
    private static final long SALT = 0x5CA7_C0DE_CA5EL;
    /** Mixed into the run's seed for the public statements, so that they never shift the desks' other draws. */
    private static final long STATEMENT_SALT = 0x57A7_E5EE_D5L;
    /** Share of its real incidents a brand speaks up about in public. */
    private static final double STATEMENT_SHARE = 0.8;
    /** Share of outages whose end the brand announces ("it works again") a few minutes too early, while customers are still offline. */
    private static final double RESTORED_SHARE = 0.5;
    /** The fewest minutes between an incident's start and the statement about it. */
    private static final int STATEMENT_AFTER_MINUTES = 10;

    private final SimulationConfig config;
    private final AuthorPool authors;
    private final Firehose firehose;
    private final SplittableRandom random;
    private final CareTexts texts;
    private final double[] brandCumulative;
    private final TreeMap<String, List<String>> agents = new TreeMap<>();
    private final long end;

    private final List<GroundTruth.CareReply> replies = new ArrayList<>();
    private final List<GroundTruth.CareQuestion> questions = new ArrayList<>();
    private final List<GroundTruth.FollowUp> followUps = new ArrayList<>();
    private final SplittableRandom speaking;
    /** The public statements made, in event-time order. */
    private final List<Statement> statements = new ArrayList<>();
    /** Index in {@link #questions} of each question not yet answered. */
    private final TreeMap<String, Integer> unanswered = new TreeMap<>();

    CustomerCare(SimulationConfig config, AuthorPool authors, Firehose firehose) {
        this.config = config;
        this.authors = authors;
        this.firehose = firehose;
        this.random = new SplittableRandom(config.seed() * 0x9E37_79B9_7F4A_7C15L ^ SALT);
        this.texts = new CareTexts(random.split());
        this.end = config.end().toEpochMilli();
        this.brandCumulative = FirehoseSimulator.brandCumulative(config);
        for (Brand brand : Brands.ALL) {
            List<String> initials = new ArrayList<>();
            int style = DESKS.get(brand.id()).signature();
            for (int i = 0; i < AGENTS_PER_BRAND; i++) {
                initials.add(style == 0 ? "" : texts.agent(style == 1));
            }
            agents.put(brand.id(), initials);
        }
        scheduleQuestion(config.start().toEpochMilli());
        this.speaking = new SplittableRandom(config.seed() * 0x9E37_79B9_7F4A_7C15L ^ STATEMENT_SALT);
        scheduleStatements();
    }

    /** A statement the desk made about an incident (its index in the run's incidents); {@code restored} when it says it works again. */
    private record Statement(String id, String brand, long at, int incident, boolean restored) {}

    /**
     * Most real incidents get one public statement from their brand's desk, some minutes after they
     * start (the desk's median answer delay and more), within its working hours; the rest none.
     */
    private void scheduleStatements() {
        List<IncidentPlan> plans = config.incidents();
        for (int i = 0; i < plans.size(); i++) {
            IncidentPlan plan = plans.get(i);
            boolean speaks = speaking.nextDouble() < STATEMENT_SHARE;
            double minutes = STATEMENT_AFTER_MINUTES + DESKS.get(plan.brand()).medianMinutes()
                    * Math.exp(0.5 * AuthorPool.gaussian(speaking));
            boolean announcesEnd = speaking.nextDouble() < RESTORED_SHARE;
            long tooEarly = MINUTE + (long) (speaking.nextDouble() * 9 * MINUTE);
            if (plan.type().noise()) {
                continue;
            }
            long start = config.start().toEpochMilli() + plan.offset().toMillis();
            int incident = i;
            long at = withinHours(start + (long) (minutes * MINUTE));
            if (speaks && at < end) {
                firehose.schedule(at, t -> state(t, plan, incident, false));
            }
            // the end of an outage, announced 1-10 minutes before it comes: its customers are still offline
            long over = start + plan.duration().toMillis() - tooEarly;
            if (plan.type() == IncidentPlan.Type.OUTAGE && announcesEnd && over > start && over < end) {
                firehose.schedule(over, t -> state(t, plan, incident, true));
            }
        }
    }

    /** The time, or, outside the desk's working hours, a time in the first half hour after it opens. */
    private long withinHours(long at) {
        ZonedDateTime local = Instant.ofEpochMilli(at).atZone(ROME);
        if (local.getHour() >= OPENS && local.getHour() < CLOSES) {
            return at;
        }
        ZonedDateTime opening = local.getHour() >= CLOSES ? local.plusDays(1) : local;
        return opening.toLocalDate().atTime(OPENS, 0).atZone(ROME).toInstant().toEpochMilli()
                + (long) (speaking.nextDouble() * 30 * MINUTE);
    }

    private void state(long time, IncidentPlan plan, int incident, boolean restored) {
        Brand brand = Brands.byId(plan.brand());
        boolean italian = !"ryanair".equals(brand.id());
        String where = plan.regionCode() == null ? "" : " in " + Cities.regionName(plan.regionCode());
        String text = restored
                ? italian
                        ? "Il servizio" + where + " è stato ripristinato: ora funziona di nuovo. Grazie per la pazienza."
                        : "Service" + where + " has been restored: it works again. Thank you for your patience."
                : italian
                        ? "Stiamo riscontrando un disservizio" + where + ": i nostri tecnici sono al lavoro, vi aggiorneremo qui. Ci scusiamo per il disagio."
                        : "We are aware of an issue affecting some customers" + where + ". Our teams are working on it and we will update you here.";
        SimAuthor official = new SimAuthor(new Author(Long.toString(10_000L + Brands.ALL.indexOf(brand)), brand.handle(),
                brand.followers(), true, "Italia"), authors.byActivity(speaking).city(), italian);
        Post post = FirehoseSimulator.post(firehose.postId(time), time, official, text, italian, 0, 0, null, null, speaking);
        firehose.emit(post, Kind.STATEMENT, speaking);
        statements.add(new Statement(post.id(), brand.id(), time, incident, restored));
    }

    /** Per real incident, the statement made about it and the brand's first at or after its start. */
    private List<GroundTruth.IncidentStatement> incidentStatements() {
        List<GroundTruth.IncidentStatement> out = new ArrayList<>();
        List<IncidentPlan> plans = config.incidents();
        for (int i = 0; i < plans.size(); i++) {
            IncidentPlan plan = plans.get(i);
            if (plan.type().noise()) {
                continue;
            }
            long start = Math.min(end, config.start().toEpochMilli() + plan.offset().toMillis());
            int incident = i;
            String made = statements.stream().filter(s -> s.incident() == incident && !s.restored()).map(Statement::id)
                    .findFirst().orElse(null);
            Statement over = statements.stream().filter(s -> s.incident() == incident && s.restored()).findFirst().orElse(null);
            Statement first = statements.stream().filter(s -> s.brand().equals(plan.brand()) && s.at() >= start)
                    .min(java.util.Comparator.comparingLong(Statement::at).thenComparing(Statement::id)).orElse(null);
            out.add(new GroundTruth.IncidentStatement(plan.type().id(), plan.brand(), plan.topic(), plan.regionCode(),
                    Instant.ofEpochMilli(start).toString(), made, first == null ? null : first.id(),
                    first == null ? null : Instant.ofEpochMilli(first.at()).toString(),
                    over == null ? null : over.id(), over == null ? null : Instant.ofEpochMilli(over.at()).toString()));
        }
        return out;
    }

    /** A complaint was posted: the brand's desk may answer it. */
    void complaint(Post complaint, SimAuthor customer, Brand brand, String topic) {
        Desk desk = DESKS.get(brand.id());
        if (random.nextDouble() < desk.complaintReplies()) {
            boolean italian = "it".equals(complaint.lang());
            firehose.schedule(answerTime(complaint.createdAt(), desk),
                    t -> answer(t, brand, complaint, customer, italian, topic, "complaint"));
        }
    }

    GroundTruth.Care truth() {
        TreeMap<String, GroundTruth.BrandCare> byBrand = new TreeMap<>();
        for (Brand brand : Brands.ALL) {
            List<GroundTruth.CareQuestion> asked = questions.stream().filter(q -> q.brand().equals(brand.id())).toList();
            List<GroundTruth.CareQuestion> answered = asked.stream().filter(q -> q.answeredAt() != null).toList();
            long late = answered.stream().filter(q -> Instant.parse(q.answeredAt()).toEpochMilli()
                    - Instant.parse(q.askedAt()).toEpochMilli() > HOUR).count();
            List<GroundTruth.CareReply> sent = replies.stream().filter(r -> r.brand().equals(brand.id())).toList();
            long canned = sent.stream().filter(GroundTruth.CareReply::canned).count();
            byBrand.put(brand.id(), new GroundTruth.BrandCare(asked.size(), answered.size(), asked.size() - answered.size(), late,
                    followUps.stream().filter(f -> f.brand().equals(brand.id())).count(), sent.size(), canned, sent.size() - canned));
        }
        return new GroundTruth.Care(byBrand, List.copyOf(replies), List.copyOf(questions), List.copyOf(followUps),
                incidentStatements());
    }

    /** Questions arrive as a Poisson process following the day's rhythm: candidates at the peak rate, kept by the hour's activity. */
    private void scheduleQuestion(long after) {
        double perMilli = QUESTIONS_PER_POST * config.organicPeakRate() / MINUTE;
        long at = after + 1 + (long) (-Math.log(1 - random.nextDouble()) / perMilli);
        if (at < end) {
            firehose.schedule(at, this::maybeAsk);
        }
    }

    private void maybeAsk(long time) {
        if (random.nextDouble() < FirehoseSimulator.dayActivity(time)) {
            ask(time);
        }
        scheduleQuestion(time);
    }

    private void ask(long time) {
        Brand brand = Brands.ALL.get(AuthorPool.pick(brandCumulative, random.nextDouble()));
        SimAuthor customer = authors.byActivity(random);
        boolean italian = random.nextInt(10) == 0 ? !customer.italian() : customer.italian();
        Spot spot = Spot.draw(customer, config.profile(), random);
        CareTexts.Question question = texts.question(brand, italian, spot.at().name());
        Post post = spot.post(firehose.postId(time), time, customer, question.text(), italian, 0.55, 0.25, null, null, random);
        firehose.emit(post, Kind.POST, random);
        unanswered.put(post.id(), questions.size());
        questions.add(new GroundTruth.CareQuestion(post.id(), brand.id(), customer.author().handle(),
                Instant.ofEpochMilli(time).toString(), null, null));
        Desk desk = DESKS.get(brand.id());
        if (random.nextDouble() < desk.answered()) {
            firehose.schedule(answerTime(time, desk), t -> answer(t, brand, post, customer, italian, question.topic(), "question"));
        }
    }

    private void answer(long time, Brand brand, Post asked, SimAuthor customer, boolean italian, String topic, String answers) {
        Desk desk = DESKS.get(brand.id());
        boolean second = "follow_up".equals(answers);
        String handle = customer.author().handle();
        List<String> initials = agents.get(brand.id());
        String agent = initials.get(random.nextInt(initials.size()));
        CareTexts.Reply reply = random.nextDouble() < desk.canned()
                ? texts.canned(brand, italian, second, handle, agent)
                : config.profile() == Profile.REALISTIC ? texts.stockPersonal(brand, italian, handle, agent)
                : texts.personal(brand, italian, topic, customer.city().name(), handle, agent);
        SimAuthor official = new SimAuthor(new Author(Long.toString(10_000L + Brands.ALL.indexOf(brand)), brand.handle(),
                brand.followers(), true, "Italia"), customer.city(), italian);
        Post post = FirehoseSimulator.post(firehose.postId(time), time, official, reply.text(), italian, 0, 0, asked, null, random);
        firehose.emit(post, Kind.REPLY, random);
        replies.add(new GroundTruth.CareReply(post.id(), brand.id(), brand.handle(), handle, asked.id(), answers,
                Instant.ofEpochMilli(time).toString(), reply.template() != null, reply.template()));
        Integer question = unanswered.remove(asked.id());
        if (question != null) {
            GroundTruth.CareQuestion q = questions.get(question);
            questions.set(question, new GroundTruth.CareQuestion(q.id(), q.brand(), q.customer(), q.askedAt(),
                    Instant.ofEpochMilli(time).toString(), post.id()));
        }
        if (!second && random.nextDouble() < FOLLOW_UP_SHARE) {
            long at = time + MINUTE + (long) (8 * MINUTE * Math.exp(0.8 * AuthorPool.gaussian(random)));
            firehose.schedule(at, t -> followUp(t, brand, post, customer, italian, topic));
        }
    }

    private void followUp(long time, Brand brand, Post brandReply, SimAuthor customer, boolean italian, String topic) {
        Post post = Spot.draw(customer, config.profile(), random).post(firehose.postId(time), time, customer,
                texts.followUp(brand, italian), italian, 0.55, 0.25, brandReply, null, random);
        firehose.emit(post, Kind.POST, random);
        followUps.add(new GroundTruth.FollowUp(post.id(), brand.id(), customer.author().handle(), brandReply.id(),
                Instant.ofEpochMilli(time).toString()));
        if (random.nextDouble() < FOLLOW_UP_ANSWERED) {
            firehose.schedule(answerTime(time, DESKS.get(brand.id())),
                    t -> answer(t, brand, post, customer, italian, topic, "follow_up"));
        }
    }

    /**
     * When the desk answers a post made at the time: a log-normal delay around the brand's median,
     * one minute at least; an answer that would fall outside working hours waits for the next
     * opening and the queue there.
     */
    private long answerTime(long time, Desk desk) {
        long at = time + MINUTE + (long) (desk.medianMinutes() * MINUTE * Math.exp(DELAY_SIGMA * AuthorPool.gaussian(random)));
        ZonedDateTime local = Instant.ofEpochMilli(at).atZone(ROME);
        if (local.getHour() >= OPENS && local.getHour() < CLOSES) {
            return at;
        }
        ZonedDateTime opening = local.getHour() >= CLOSES ? local.plusDays(1) : local;
        long opens = opening.toLocalDate().atTime(OPENS, 0).atZone(ROME).toInstant().toEpochMilli();
        return opens + (long) (desk.medianMinutes() * MINUTE * Math.exp(DELAY_SIGMA * AuthorPool.gaussian(random)));
    }
}
