package io.outcry.detect;

import io.outcry.post.CitedPost;
import io.outcry.window.Complainer;
import io.outcry.window.WindowResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an open alert has seen in its anomalous windows, kept in state to explain it. Bounded:
 * a few examples, complainers and texts, whatever the alert's size. A mutable POJO so Flink
 * serializes it without Kryo.
 */
public class AlertTally {

    static final int MAX_EXAMPLES = 10;
    static final int MAX_TEXTS = 80;
    static final int MAX_COMPLAINERS = 50;
    static final int SHOWN = 5;

    public long posts;
    public long retweets;
    public long reach;
    public double negatives;
    public long campaignAuthors;
    public Map<String, Long> regions = new HashMap<>();
    public Map<String, Long> topics = new HashMap<>();
    public Map<String, Long> languages = new HashMap<>();
    public Map<String, Long> intents = new HashMap<>();
    public List<CitedPost> examples = new ArrayList<>();
    /** Complainers by handle, posts summed over windows. */
    public Map<String, Complainer> complainers = new HashMap<>();
    public List<String> texts = new ArrayList<>();

    public AlertTally() {}

    /** Adds one anomalous window: the cells of the key and their voices per region and topic. */
    void add(List<WindowResult> cells) {
        for (WindowResult cell : cells) {
            posts += cell.posts();
            retweets += cell.retweets();
            reach += cell.reach();
            negatives += cell.negativeShare() * cell.posts();
            campaignAuthors += cell.evidence().campaignAuthors();
            regions.merge(cell.regionName(), cell.evidence().credibleComplainers(), Long::sum);
            topics.merge(cell.topic(), cell.evidence().credibleComplainers(), Long::sum);
            cell.languages().forEach((k, v) -> languages.merge(k, v, Long::sum));
            cell.intents().forEach((k, v) -> intents.merge(k, v, Long::sum));
            for (CitedPost example : cell.examples()) {
                if (examples.size() < MAX_EXAMPLES && examples.stream().noneMatch(e -> e.id().equals(example.id()))) {
                    examples.add(example);
                }
            }
            for (Complainer c : cell.evidence().notable()) {
                if (complainers.size() < MAX_COMPLAINERS || complainers.containsKey(c.handle())) {
                    complainers.merge(c.handle(), c, (a, b) -> new Complainer(a.handle(),
                            Math.max(a.followers(), b.followers()), a.verified() || b.verified(), a.posts() + b.posts()));
                }
            }
            for (String text : cell.evidence().sampleTexts()) {
                if (texts.size() < MAX_TEXTS) {
                    texts.add(text);
                }
            }
        }
    }

    Explanation explain(List<String> topTerms) {
        Comparator<Complainer> byHandle = Comparator.comparing(Complainer::handle);
        List<Complainer> topAuthors = complainers.values().stream().filter(c -> c.posts() > 1)
                .sorted(Comparator.comparingLong((Complainer c) -> -c.posts()).thenComparing(byHandle))
                .limit(SHOWN).toList();
        List<Complainer> influencers = complainers.values().stream()
                .sorted(Comparator.comparingLong((Complainer c) -> -c.followers()).thenComparing(byHandle))
                .limit(SHOWN).toList();
        return new Explanation(topTerms, List.copyOf(examples), topAuthors, influencers, posts, retweets,
                posts == 0 ? 0 : (double) retweets / posts, reach, posts == 0 ? 0 : negatives / posts, campaignAuthors,
                new TreeMap<>(regions), new TreeMap<>(topics), new TreeMap<>(languages), new TreeMap<>(intents));
    }

    double negativeShare() {
        return posts == 0 ? 0 : negatives / posts;
    }
}
