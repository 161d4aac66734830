package io.outcry.window;

import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The incremental part of a window: counts posts, complaints, authors, retweets, replies and
 * reach as posts arrive, so a window holds totals rather than every post.
 *
 * <p>Reach is the sum of the followers of each post's author, retweets included: a retweet
 * puts the post in front of the retweeter's followers too. An author posting three times
 * adds their followers three times, as three posts reach their timeline three times.
 */
public class WindowAggregate implements AggregateFunction<KeyedPost, WindowAccumulator, WindowCounts> {

    private static final long serialVersionUID = 1L;
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
            acc.region = item.region();
        }
        acc.posts++;
        acc.reach += post.author().followers();
        acc.authors.add(post.author().id());
        if (item.complaint()) {
            acc.complaints++;
            acc.complainingAuthors.add(post.author().id());
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
        acc.languages.merge(item.lang(), 1L, Long::sum);
        acc.intents.merge(item.intent().id(), 1L, Long::sum);
        offerExample(acc.examples, new ExamplePost(post.id(), item.complaint(), post.author().followers()));
        return acc;
    }

    @Override
    public WindowCounts getResult(WindowAccumulator acc) {
        List<String> exampleIds = new ArrayList<>(acc.examples.size());
        acc.examples.forEach(example -> exampleIds.add(example.postId()));
        return new WindowCounts(
                acc.region,
                acc.posts,
                acc.complaints,
                acc.negatives,
                acc.authors.size(),
                acc.complainingAuthors.size(),
                acc.retweets,
                acc.replies,
                acc.reach,
                exampleIds,
                new TreeMap<>(acc.languages),
                new TreeMap<>(acc.intents));
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
        a.authors.addAll(b.authors);
        a.complainingAuthors.addAll(b.complainingAuthors);
        b.languages.forEach((language, count) -> a.languages.merge(language, count, Long::sum));
        b.intents.forEach((intent, count) -> a.intents.merge(intent, count, Long::sum));
        b.examples.forEach(example -> offerExample(a.examples, example));
        return a;
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
            examples.add(at, candidate);
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
