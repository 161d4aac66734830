package io.outcry.window;

import io.outcry.enrich.Intent;
import io.outcry.locate.LocationSource;
import io.outcry.post.Author;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The incremental part of a window: counts posts, complaints, authors, retweets, replies and
 * reach as posts arrive, so a window holds totals rather than every post.
 *
 * <p>Reach is the sum of the followers of each post's author, retweets included: a retweet
 * puts the post in front of the retweeter's followers too. An author posting three times
 * adds their followers three times, as three posts reach their timeline three times. Authors
 * whose follower count is unknown add nothing: reach is a floor.
 */
public class WindowAggregate implements AggregateFunction<KeyedPost, WindowAccumulator, WindowCounts> {

    private static final long serialVersionUID = 1L;
    /** Complaint texts sampled per window: enough for an alert's terms over a few windows. */
    static final int SAMPLE_TEXTS = 3;
    /** Complainers named per window: the most prolific and the widest-reaching. */
    static final int NOTABLE = 3;
    /** Below this many followers, an unverified account sharing its text with another is a campaign member. */
    static final long LOW_REACH_FOLLOWERS = 50;
    private static final Comparator<ComplainerTally> BY_HANDLE = Comparator.comparing(t -> t.handle);
    private static final Comparator<ComplainerTally> MOST_POSTS =
            Comparator.comparingLong((ComplainerTally t) -> -t.posts).thenComparing(BY_HANDLE);
    private static final Comparator<ComplainerTally> MOST_FOLLOWERS =
            Comparator.comparingLong((ComplainerTally t) -> -t.followers).thenComparing(BY_HANDLE);
    private static final String LANGUAGE = "language:";
    private static final String INTENT = "intent:";
    private static final String SOURCE = "source:";
    /** The labels a window counts by, made once: a window holds the shared strings, not a copy per post. */
    private static final String[] INTENT_LABELS = Arrays.stream(Intent.values()).map(i -> INTENT + i.id()).toArray(String[]::new);
    private static final String[] SOURCE_LABELS =
            Arrays.stream(LocationSource.values()).map(l -> SOURCE + l.id()).toArray(String[]::new);
    private static final Map<String, String> LANGUAGE_LABELS = new ConcurrentHashMap<>();
    private final int maxExamples;

    public WindowAggregate(int maxExamples) {
        if (maxExamples < 0) {
            throw new IllegalArgumentException("max example posts per window is " + maxExamples + "; use 0 or more");
        }
        this.maxExamples = maxExamples;
    }

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(KeyedPost item, WindowAccumulator acc) {
        Post post = item.post();
        if (acc.region == null) {
            acc.region = item.region().shared();
        }
        acc.posts++;
        acc.reach += Math.max(0, post.author().followers());
        long author = TextFingerprint.ofId(post.author().id());
        acc.authorCount = addHash(acc, false, author);
        if (item.complaint()) {
            acc.complaints++;
            acc.complainingAuthorCount = addHash(acc, true, author);
        }
        if (item.negative()) {
            acc.negatives++;
        }
        if (post.isRetweet()) {
            acc.retweets++;
        }
        if (post.isReply()) {
            acc.replies++;
        }
        if (item.complaint() && !post.isRetweet()) {
            addComplainer(acc, post, author);
        }
        String lang = item.lang() == null ? "und" : item.lang();
        count(acc, LANGUAGE_LABELS.computeIfAbsent(lang, code -> LANGUAGE + code), 1);
        count(acc, INTENT_LABELS[item.intent().ordinal()], 1);
        count(acc, SOURCE_LABELS[item.location().source().ordinal()], 1);
        offerExample(acc.examples, new ExamplePost(post.id(), item.complaint(), post.author().followers(), post.createdAt(),
                post.platform(), post.text(), post.url()));
        return acc;
    }

    @Override
    public WindowCounts getResult(WindowAccumulator acc) {
        return new WindowCounts(
                acc.region,
                acc.posts,
                acc.complaints,
                acc.negatives,
                acc.authorCount,
                acc.complainingAuthorCount,
                acc.retweets,
                acc.replies,
                acc.reach,
                List.copyOf(acc.examples),
                counts(acc, LANGUAGE),
                counts(acc, INTENT),
                counts(acc, SOURCE),
                evidence(acc));
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        if (a.region == null) {
            a.region = b.region;
        }
        a.posts += b.posts;
        a.complaints += b.complaints;
        a.negatives += b.negatives;
        a.retweets += b.retweets;
        a.replies += b.replies;
        a.reach += b.reach;
        for (int i = 0; i < b.authorCount; i++) {
            a.authorCount = addHash(a, false, b.authors[i]);
        }
        for (int i = 0; i < b.complainingAuthorCount; i++) {
            a.complainingAuthorCount = addHash(a, true, b.complainingAuthors[i]);
        }
        for (int i = 0; i < b.labels.length; i++) {
            count(a, b.labels[i], b.labelCounts[i]);
        }
        b.examples.forEach(example -> offerExample(a.examples, example));
        // copies, never b's own tallies: b may stay in state and must not change when a does
        for (ComplainerTally tally : b.complainers) {
            complainer(a, tally.author, tally::emptyCopy).add(tally);
        }
        b.samples.forEach(sample -> offerSample(a.samples, sample));
        return a;
    }

    /**
     * Adds a hash to the window's authors (or complaining authors), kept sorted and distinct,
     * and returns how many it holds now.
     */
    private static int addHash(WindowAccumulator acc, boolean complaining, long hash) {
        long[] hashes = complaining ? acc.complainingAuthors : acc.authors;
        int count = complaining ? acc.complainingAuthorCount : acc.authorCount;
        int at = Arrays.binarySearch(hashes, 0, count, hash);
        if (at >= 0) {
            return count;
        }
        at = -at - 1;
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.max(1, 2 * count));
        }
        System.arraycopy(hashes, at, hashes, at + 1, count - at);
        hashes[at] = hash;
        if (complaining) {
            acc.complainingAuthors = hashes;
        } else {
            acc.authors = hashes;
        }
        return count + 1;
    }

    /** Adds {@code n} to the count of a label, filing the label when the window has none of it yet. */
    private static void count(WindowAccumulator acc, String label, long n) {
        int at = 0;
        while (at < acc.labels.length && !acc.labels[at].equals(label)) {
            at++;
        }
        if (at == acc.labels.length) {
            acc.labels = Arrays.copyOf(acc.labels, at + 1);
            acc.labels[at] = label;
            acc.labelCounts = Arrays.copyOf(acc.labelCounts, at + 1);
        }
        acc.labelCounts[at] += n;
    }

    /** The counts of one kind of label, by what follows its prefix, sorted. */
    private static Map<String, Long> counts(WindowAccumulator acc, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < acc.labels.length; i++) {
            if (acc.labels[i].startsWith(prefix)) {
                counts.put(acc.labels[i].substring(prefix.length()), acc.labelCounts[i]);
            }
        }
        return counts;
    }

    /** The author's tally, made by {@code fresh} and filed in author order when the window has none yet. */
    private static ComplainerTally complainer(WindowAccumulator acc, long author, Supplier<ComplainerTally> fresh) {
        List<ComplainerTally> tallies = acc.complainers;
        int low = 0;
        int high = tallies.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            long at = tallies.get(mid).author;
            if (at == author) {
                return tallies.get(mid);
            }
            if (at < author) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        ComplainerTally tally = fresh.get();
        tallies.add(low, tally);
        return tally;
    }

    private static void addComplainer(WindowAccumulator acc, Post post, long author) {
        long fingerprint = TextFingerprint.of(post.text());
        ComplainerTally tally = complainer(acc, author, () -> new ComplainerTally(
                author, post.author().handle(), post.author().followers(), post.author().verified(), fingerprint));
        tally.posts++;
        tally.fingerprint = Math.min(tally.fingerprint, fingerprint);
        offerSample(acc.samples, new SampledText(TextFingerprint.ofId(post.id()), post.text()));
    }

    /** Keeps the texts with the smallest ranks: a sample that does not depend on arrival order. */
    private static void offerSample(List<SampledText> samples, SampledText candidate) {
        int at = 0;
        while (at < samples.size() && samples.get(at).rank() < candidate.rank()) {
            at++;
        }
        if (at < SAMPLE_TEXTS && (at == samples.size() || samples.get(at).rank() != candidate.rank())) {
            samples.add(at, candidate);
            if (samples.size() > SAMPLE_TEXTS) {
                samples.remove(samples.size() - 1);
            }
        }
    }

    /** Counts voices: one per author, except that a copy-paste campaign of low-reach accounts is one voice. */
    static ComplaintEvidence evidence(WindowAccumulator acc) {
        if (acc.complainers.isEmpty()) {
            return ComplaintEvidence.NONE;
        }
        // every firing, late ones included, counts again: sorted arrays, not boxed maps and sets
        long[] lowReachTexts = new long[acc.complainers.size()];
        int lowReachCount = 0;
        for (ComplainerTally tally : acc.complainers) {
            if (lowReach(tally)) {
                lowReachTexts[lowReachCount++] = tally.fingerprint;
            }
        }
        Arrays.sort(lowReachTexts, 0, lowReachCount);
        long[] voices = new long[acc.complainers.size()];
        int voiceCount = 0;
        long campaignAuthors = 0;
        for (ComplainerTally tally : acc.complainers) {
            if (lowReach(tally) && sharedBy(lowReachTexts, lowReachCount, tally.fingerprint)) {
                campaignAuthors++;
                voices[voiceCount++] = tally.fingerprint;
            } else {
                voices[voiceCount++] = tally.author;
            }
        }
        List<Long> voiceIds = Arrays.stream(voices, 0, voiceCount).sorted().distinct().boxed().toList();
        List<String> texts = acc.samples.stream().map(SampledText::text).toList();
        return new ComplaintEvidence(voiceIds.size(), voiceIds, campaignAuthors, texts, notable(acc.complainers));
    }

    /** Whether the sorted fingerprints hold this one more than once. */
    private static boolean sharedBy(long[] sorted, int count, long fingerprint) {
        int at = Arrays.binarySearch(sorted, 0, count, fingerprint);
        return at >= 0 && (at > 0 && sorted[at - 1] == fingerprint || at + 1 < count && sorted[at + 1] == fingerprint);
    }

    private static boolean lowReach(ComplainerTally tally) {
        return lowReach(tally.verified, tally.followers);
    }

    /** An unverified account with few followers; an unknown count is not few, or every Bluesky author would be. */
    public static boolean lowReach(boolean verified, long followers) {
        return !verified && followers != Author.UNKNOWN_FOLLOWERS && followers < LOW_REACH_FOLLOWERS;
    }

    /** The most prolific complainers (two posts or more) and the widest-reaching ones, without repeats. */
    private static List<Complainer> notable(Collection<ComplainerTally> tallies) {
        Set<ComplainerTally> chosen = new LinkedHashSet<>();
        List<ComplainerTally> prolific = new ArrayList<>(NOTABLE + 1);
        List<ComplainerTally> widest = new ArrayList<>(NOTABLE + 1);
        for (ComplainerTally tally : tallies) {
            if (tally.posts > 1) {
                offerTop(prolific, tally, MOST_POSTS);
            }
            offerTop(widest, tally, MOST_FOLLOWERS);
        }
        chosen.addAll(prolific);
        chosen.addAll(widest);
        return chosen.stream().map(t -> new Complainer(t.handle, t.followers, t.verified, t.posts)).toList();
    }

    /**
     * Keeps the first {@link #NOTABLE} in {@code order}, as a stable sort then a limit would:
     * a tally goes after those it ties with.
     */
    private static void offerTop(List<ComplainerTally> top, ComplainerTally candidate, Comparator<ComplainerTally> order) {
        int at = top.size();
        while (at > 0 && order.compare(top.get(at - 1), candidate) > 0) {
            at--;
        }
        if (at < NOTABLE) {
            top.add(at, candidate);
            if (top.size() > NOTABLE) {
                top.remove(NOTABLE);
            }
        }
    }

    /** Inserts in ranking order and drops whatever falls past the bound. */
    private void offerExample(List<ExamplePost> examples, ExamplePost candidate) {
        int existing = indexOfPost(examples, candidate.postId());
        if (existing >= 0) {
            // The same post delivered twice keeps its best-ranked form, whichever came first.
            if (ExamplePost.RANKING.compare(candidate, examples.get(existing)) >= 0) {
                return;
            }
            examples.remove(existing);
        }
        int at = 0;
        while (at < examples.size() && ExamplePost.RANKING.compare(examples.get(at), candidate) < 0) {
            at++;
        }
        if (at < maxExamples) {
            examples.add(at, candidate.interned());
            if (examples.size() > maxExamples) {
                examples.remove(examples.size() - 1);
            }
        }
    }

    private static int indexOfPost(List<ExamplePost> examples, String postId) {
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).postId().equals(postId)) {
                return i;
            }
        }
        return -1;
    }
}
