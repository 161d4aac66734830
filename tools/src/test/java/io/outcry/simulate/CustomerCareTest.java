package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import io.outcry.simulate.SimulatedRecord.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomerCareTest {

    private static final CanonicalPostJson PARSER = new CanonicalPostJson(Duration.ofDays(36_500));
    /** Four hours from 18:00 in Rome, into the night when the desks close, with the default incidents. */
    private static final SimulationConfig RUN = SimulationConfig.defaults()
            .withTime(SimulationConfig.DEFAULT_START, Duration.ofHours(4));

    private static List<SimulatedRecord> records;
    private static GroundTruth truth;
    private static Map<String, Post> posts;

    @BeforeAll
    static void simulate() {
        records = new ArrayList<>();
        truth = new FirehoseSimulator(RUN).run(records::add);
        posts = new HashMap<>();
        records.stream().filter(r -> r.kind() != Kind.MALFORMED).map(CustomerCareTest::parse).forEach(p -> posts.put(p.id(), p));
    }

    @Test
    void careLeavesEveryOtherRecordOfTheSeedAsItWas() {
        SimulationConfig shortRun = SimulationConfig.defaults().withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(40));
        List<SimulatedRecord> withCare = new ArrayList<>();
        GroundTruth careTruth = new FirehoseSimulator(shortRun).run(withCare::add);
        List<SimulatedRecord> without = new ArrayList<>();
        GroundTruth noCareTruth = new FirehoseSimulator(shortRun.withCare(false)).run(without::add);

        Set<String> careIds = new HashSet<>();
        careTruth.care().replies().forEach(r -> careIds.add(r.id()));
        careTruth.care().questions().forEach(q -> careIds.add(q.id()));
        careTruth.care().followUps().forEach(f -> careIds.add(f.id()));
        careTruth.care().statements().stream().filter(s -> s.statementId() != null).forEach(s -> careIds.add(s.statementId()));
        careTruth.care().statements().stream().filter(s -> s.restoredId() != null).forEach(s -> careIds.add(s.restoredId()));
        List<String> others = withCare.stream().filter(r -> !careIds.contains(new String(r.key()))).map(CustomerCareTest::describe).toList();
        // without care, brands still send the fixed replies of before: they are the only records that differ
        List<String> othersWithout = without.stream().filter(r -> r.kind() != Kind.REPLY).map(CustomerCareTest::describe).toList();

        assertThat(noCareTruth.care()).isNull();
        assertThat(careIds).hasSizeGreaterThan(100);
        assertThat(others).hasSize(othersWithout.size()).isEqualTo(othersWithout);
        assertThat(withCare.stream().filter(r -> careIds.contains(new String(r.key()))).map(SimulatedRecord::kind).distinct())
                .containsExactlyInAnyOrder(Kind.POST, Kind.REPLY, Kind.STATEMENT);
        assertThat(careTruth.incidents()).isEqualTo(noCareTruth.incidents());
    }

    @Test
    void theGroundTruthListsEveryBrandReplyAndItsTemplate() {
        List<Post> replies = records.stream().filter(r -> r.kind() == Kind.REPLY).map(CustomerCareTest::parse).toList();
        assertThat(truth.care().replies()).extracting(GroundTruth.CareReply::id)
                .containsExactlyInAnyOrderElementsOf(replies.stream().map(Post::id).toList());
        assertThat(truth.care().replies()).allSatisfy(r -> {
            Post post = posts.get(r.id());
            assertThat(post.author().handle()).isEqualTo(r.account()).isEqualTo(Brands.byId(r.brand()).handle());
            assertThat(post.mentions()).first().isEqualTo(r.customer());
            assertThat(post.replyToId()).isEqualTo(r.inReplyTo());
            assertThat(Instant.ofEpochMilli(post.createdAt()).toString()).isEqualTo(r.createdAt());
            assertThat(r.template() != null).isEqualTo(r.canned());
            if (r.canned()) {
                assertThat(r.template()).startsWith(r.brand() + "/" + post.lang() + "/");
            }
        });
        assertThat(truth.care().replies()).extracting(GroundTruth.CareReply::answers)
                .contains("complaint", "question", "follow_up");
    }

    @Test
    void aTemplateFilledForTwoCustomersDiffersOnlyInWhatItFillsInAndAClosingWord() {
        Map<String, Set<String>> variants = new HashMap<>();
        for (GroundTruth.CareReply r : truth.care().replies()) {
            if (r.canned()) {
                String text = posts.get(r.id()).text();
                assertThat(text).startsWith("@" + r.customer() + " ");
                // drop the handle, the greeting (with or without the name) and every number, link and signature
                String skeleton = text.replaceFirst("^@\\S+ \\p{L}+( \\p{L}+)?[,!] ?", "")
                        .replaceAll("https://t\\.co/\\w+", "").replaceAll("#?\\d+", "").replaceAll(" [-^][A-Z]{2}$", "");
                variants.computeIfAbsent(r.template(), t -> new HashSet<>()).add(skeleton);
            }
        }
        // what is left is the template, now and then with a few closing words the agent added
        assertThat(variants).hasSizeGreaterThan(20).allSatisfy((template, skeletons) -> {
            String bare = skeletons.stream().min(Comparator.comparingInt(String::length)).orElseThrow();
            assertThat(skeletons).hasSizeLessThan(8)
                    .allSatisfy(sk -> assertThat(sk).startsWith(bare).hasSizeLessThan(bare.length() + 25));
        });
    }

    @Test
    void personalRepliesAreWrittenForTheCase() {
        List<String> personal = truth.care().replies().stream().filter(r -> !r.canned()).map(r -> posts.get(r.id()).text()).toList();
        assertThat(personal).hasSizeGreaterThan(500);
        assertThat(new HashSet<>(personal)).hasSize(personal.size());
        long naming = truth.care().replies().stream().filter(r -> !r.canned())
                .filter(r -> {
                    Post asked = posts.get(r.inReplyTo());
                    return asked != null && asked.place() != null && posts.get(r.id()).text().contains(asked.place().name());
                }).count();
        assertThat(naming).as("personal replies that name the customer's city").isGreaterThan(50);
    }

    @Test
    void theCannedShareDependsOnTheBrand() {
        Map<String, GroundTruth.BrandCare> byBrand = truth.care().byBrand();
        assertThat(byBrand.keySet()).containsExactlyInAnyOrderElementsOf(Brands.ALL.stream().map(Brands.Brand::id).toList());
        double ryanair = share(byBrand.get("ryanair"));
        double iliad = share(byBrand.get("iliad"));
        assertThat(ryanair).isBetween(0.7, 0.9);
        assertThat(iliad).isBetween(0.2, 0.4);
        assertThat(byBrand.values()).allSatisfy(b -> assertThat(b.canned() + b.personal()).isEqualTo(b.replies()));
    }

    @Test
    void mostQuestionsAreAnsweredMinutesToHoursLaterAndSomeNever() {
        List<GroundTruth.CareQuestion> questions = truth.care().questions();
        assertThat(questions).hasSizeGreaterThan(500).allSatisfy(q -> {
            Post post = posts.get(q.id());
            assertThat(post.text()).startsWith("@" + Brands.byId(q.brand()).handle() + " ").contains("?");
            assertThat(post.author().handle()).isEqualTo(q.customer());
        });
        List<GroundTruth.CareQuestion> answered = questions.stream().filter(q -> q.answeredAt() != null).toList();
        long[] millis = answered.stream()
                .mapToLong(q -> Duration.between(Instant.parse(q.askedAt()), Instant.parse(q.answeredAt())).toMillis()).sorted().toArray();
        long afterAnHour = Arrays.stream(millis).filter(m -> m > 3_600_000).count();
        assertThat(answered.size()).isGreaterThan(questions.size() / 2);
        assertThat(questions.size() - answered.size()).isGreaterThan(questions.size() / 10);
        assertThat(millis[0]).isGreaterThanOrEqualTo(60_000);
        assertThat(millis[millis.length / 2]).isBetween(5 * 60_000L, 60 * 60_000L);
        assertThat(afterAnHour).as("answers beyond an hour").isGreaterThan(answered.size() / 20);
        assertThat(answered).allSatisfy(q -> assertThat(posts.get(q.replyId()).replyToId()).isEqualTo(q.id()));
        List<GroundTruth.BrandCare> brands = List.copyOf(truth.care().byBrand().values());
        assertThat(brands.stream().mapToLong(GroundTruth.BrandCare::questions).sum()).isEqualTo(questions.size());
        assertThat(brands.stream().mapToLong(GroundTruth.BrandCare::answered).sum()).isEqualTo(answered.size());
        assertThat(brands.stream().mapToLong(GroundTruth.BrandCare::unanswered).sum()).isEqualTo(questions.size() - answered.size());
        assertThat(brands.stream().mapToLong(GroundTruth.BrandCare::answeredAfterAnHour).sum()).isEqualTo(afterAnHour);
    }

    @Test
    void noDeskAnswersAtNightInRome() {
        assertThat(truth.care().replies()).allSatisfy(r -> assertThat(Instant.parse(r.createdAt())
                .atZone(ZoneId.of("Europe/Rome")).getHour()).isBetween(8, 21));
    }

    @Test
    void someCustomersWriteBackAndMostGetASecondAnswer() {
        List<GroundTruth.FollowUp> followUps = truth.care().followUps();
        Set<String> brandReplies = new HashSet<>(truth.care().replies().stream().map(GroundTruth.CareReply::id).toList());
        assertThat(followUps).hasSizeGreaterThan(100).allSatisfy(f -> {
            Post post = posts.get(f.id());
            assertThat(brandReplies).contains(f.inReplyTo());
            assertThat(post.replyToId()).isEqualTo(f.inReplyTo());
            assertThat(post.author().handle()).isEqualTo(f.customer());
            assertThat(post.mentions()).first().isEqualTo(Brands.byId(f.brand()).handle());
        });
        long secondAnswers = truth.care().replies().stream().filter(r -> r.answers().equals("follow_up")).count();
        assertThat(secondAnswers).isGreaterThan(followUps.size() / 3);
    }

    @Test
    void aQuestionStartsAConversationAndItsAnswerTheFollowUpAndTheSecondAnswerAllJoinIt() {
        assertThat(truth.care().questions()).allSatisfy(q -> assertThat(posts.get(q.id()).conversationId()).isEqualTo(q.id()));
        List<String> threads = Stream.concat(truth.care().replies().stream().map(GroundTruth.CareReply::id),
                truth.care().followUps().stream().map(GroundTruth.FollowUp::id)).toList();
        assertThat(threads).allSatisfy(id -> {
            Post opening = posts.get(id);
            while (opening.replyToId() != null) {
                opening = posts.get(opening.replyToId());
            }
            assertThat(posts.get(id).conversationId()).as("conversation of %s", id).isEqualTo(opening.id());
        });
        assertThat(truth.care().replies()).filteredOn(r -> r.answers().equals("follow_up"))
                .as("second answers, two replies below the question they belong to").isNotEmpty()
                .allSatisfy(r -> assertThat(posts.get(r.id()).conversationId()).isNotEqualTo(r.inReplyTo()));
    }

    @Test
    void careIsInBothLanguages() {
        assertThat(truth.care().replies().stream().map(r -> posts.get(r.id()).lang()).distinct()).containsExactlyInAnyOrder("it", "en");
        assertThat(Stream.of("it", "en")).allSatisfy(lang -> assertThat(truth.care().replies())
                .filteredOn(r -> r.canned() && posts.get(r.id()).lang().equals(lang)).isNotEmpty());
    }

    private static double share(GroundTruth.BrandCare care) {
        return (double) care.canned() / care.replies();
    }

    private static String describe(SimulatedRecord r) {
        return r.eventTime() + " " + r.emitTime() + " " + r.kind() + " " + r.late() + " " + r.malformation() + " "
                + new String(r.key()) + " " + new String(r.value());
    }

    private static Post parse(SimulatedRecord record) {
        try {
            return PARSER.parse(record.value());
        } catch (InvalidRecordException e) {
            throw new AssertionError(e);
        }
    }
}
