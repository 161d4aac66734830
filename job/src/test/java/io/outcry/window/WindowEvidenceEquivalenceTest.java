package io.outcry.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link WindowAggregate#evidence} against the code it replaced, kept here: the same evidence for every window. */
class WindowEvidenceEquivalenceTest {

    @Test
    void countsVoicesAndNamesComplainersAsBefore() {
        SplittableRandom random = new SplittableRandom(99L);
        String[] handles = {"anna", "bob", "carla", "dario", "elena", "anna", "zoe", "Bob", "_x"};
        long[] followers = {-1, 0, 1, 3, 49, 50, 51, 1_000, 1_000_000};
        for (int window = 0; window < 20_000; window++) {
            WindowAccumulator acc = new WindowAccumulator();
            Map<Long, ComplainerTally> byAuthor = new TreeMap<>();
            int complainers = window % 50 == 0 ? random.nextInt(500) : random.nextInt(12);
            int texts = 1 + random.nextInt(6);
            for (int c = 0; c < complainers; c++) {
                long author = TextFingerprint.ofId("author" + random.nextInt(complainers * 2 + 1));
                ComplainerTally tally = new ComplainerTally(author, handles[random.nextInt(handles.length)],
                        followers[random.nextInt(followers.length)], random.nextInt(4) == 0, random.nextInt(texts) * 7919L);
                tally.posts = 1 + random.nextInt(random.nextBoolean() ? 1 : 4);
                byAuthor.put(author, tally);
            }
            acc.complainers.addAll(byAuthor.values());
            if (random.nextBoolean()) {
                acc.samples.add(new SampledText(random.nextLong(), "giù da stamattina"));
            }
            assertThat(WindowAggregate.evidence(acc)).isEqualTo(formerEvidence(acc));
        }
    }

    static ComplaintEvidence formerEvidence(WindowAccumulator acc) {
        if (acc.complainers.isEmpty()) {
            return ComplaintEvidence.NONE;
        }
        Map<Long, Integer> lowReachPerText = new HashMap<>();
        acc.complainers.forEach(tally -> {
            if (lowReach(tally)) {
                lowReachPerText.merge(tally.fingerprint, 1, Integer::sum);
            }
        });
        Set<Long> voices = new HashSet<>();
        long campaignAuthors = 0;
        for (ComplainerTally tally : acc.complainers) {
            if (lowReach(tally) && lowReachPerText.get(tally.fingerprint) > 1) {
                campaignAuthors++;
                voices.add(tally.fingerprint);
            } else {
                voices.add(tally.author);
            }
        }
        List<Long> voiceIds = voices.stream().sorted().toList();
        List<String> texts = acc.samples.stream().map(SampledText::text).toList();
        return new ComplaintEvidence(voiceIds.size(), voiceIds, campaignAuthors, texts, notable(acc.complainers));
    }

    private static boolean lowReach(ComplainerTally tally) {
        return WindowAggregate.lowReach(tally.verified, tally.followers);
    }

    private static List<Complainer> notable(Collection<ComplainerTally> tallies) {
        Comparator<ComplainerTally> byHandle = Comparator.comparing(t -> t.handle);
        Set<ComplainerTally> chosen = new LinkedHashSet<>();
        tallies.stream().filter(t -> t.posts > 1)
                .sorted(Comparator.comparingLong((ComplainerTally t) -> -t.posts).thenComparing(byHandle))
                .limit(WindowAggregate.NOTABLE).forEach(chosen::add);
        tallies.stream()
                .sorted(Comparator.comparingLong((ComplainerTally t) -> -t.followers).thenComparing(byHandle))
                .limit(WindowAggregate.NOTABLE).forEach(chosen::add);
        return chosen.stream().map(t -> new Complainer(t.handle, t.followers, t.verified, t.posts)).toList();
    }
}
