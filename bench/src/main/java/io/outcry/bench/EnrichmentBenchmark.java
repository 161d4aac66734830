package io.outcry.bench;

import io.outcry.enrich.CatalogBrandRecognizer;
import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.CueComplaintDetector;
import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import io.outcry.enrich.Intent;
import io.outcry.enrich.KeywordTopicClassifier;
import io.outcry.sentiment.LexiconSentimentScorer;
import io.outcry.enrich.NgramLanguageIdentifier;
import io.outcry.enrich.RuleIntentClassifier;
import io.outcry.sentiment.Sentiment;
import io.outcry.text.TokenizedText;
import io.outcry.locate.Location;
import io.outcry.locate.PostLocator;
import io.outcry.post.Post;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Posts per second through the enrichment, whole and part by part, one post per operation, so
 * JMH's ops/s is posts/s. The target is 150,000 posts/s for {@link #enrich} on one core.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar EnrichmentBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Each part reads text tokenised beforehand, as it does inside the enrichment, so the parts'
 * figures add up to roughly the whole: time per post = sum of 1 / (posts/s) of the parts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnrichmentBenchmark {

    private Enricher enricher;
    private CatalogBrandRecognizer brands;
    private KeywordTopicClassifier topics;
    private LexiconSentimentScorer sentiment;
    private CueComplaintDetector complaints;
    private NgramLanguageIdentifier languages;
    private RuleIntentClassifier intents;
    private PostLocator locator;
    private Post[] posts;
    private TokenizedText[] texts;
    private Set<String>[] industries;
    private List<String>[] brandIds;
    private Sentiment[] feelings;
    private String[] langs;
    private boolean[] complaintFlags;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        enricher = CatalogEnricher.load(EnrichmentConfig.defaults());
        brands = CatalogBrandRecognizer.load(null);
        topics = KeywordTopicClassifier.load((String) null);
        sentiment = LexiconSentimentScorer.bundled();
        complaints = CueComplaintDetector.load(null, brands);
        languages = NgramLanguageIdentifier.bundled();
        intents = RuleIntentClassifier.bundled();
        locator = PostLocator.bundled(EnrichmentConfig.DEFAULT_MIN_LOCATION_CONFIDENCE);
        List<Post> pool = BenchPosts.pool();
        posts = pool.toArray(new Post[0]);
        texts = new TokenizedText[posts.length];
        industries = new Set[posts.length];
        brandIds = new List[posts.length];
        feelings = new Sentiment[posts.length];
        langs = new String[posts.length];
        complaintFlags = new boolean[posts.length];
        for (int i = 0; i < posts.length; i++) {
            texts[i] = TokenizedText.of(posts[i].text());
            brandIds[i] = brands.recognize(posts[i], texts[i]);
            langs[i] = languages.identify(texts[i], posts[i].lang());
            feelings[i] = sentiment.score(texts[i], langs[i]);
            complaintFlags[i] = complaints.isComplaint(posts[i], texts[i], brandIds[i], feelings[i]);
            industries[i] = Set.copyOf(brandIds[i].stream()
                    .map(id -> brands.brands().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow().industry())
                    .toList());
        }
    }

    /** The next post of the pool; the pool is a power of two, so this is a mask, not a division. */
    private int nextIndex() {
        int i = next;
        next = (i + 1) & (posts.length - 1);
        return i;
    }

    /**
     * Where a post is from: the coordinates (and their region), else the place, else a town in
     * the text, else the profile; the enrichment asks it of posts naming a brand only.
     */
    @Benchmark
    public Location locate() {
        int i = nextIndex();
        return locator.locate(posts[i], texts[i]);
    }

    @Benchmark
    public EnrichedPost enrich() {
        return enricher.enrich(posts[nextIndex()]);
    }

    @Benchmark
    public TokenizedText tokenise() {
        return TokenizedText.of(posts[nextIndex()].text());
    }

    @Benchmark
    public List<String> brands() {
        int i = nextIndex();
        return brands.recognize(posts[i], texts[i]);
    }

    @Benchmark
    public List<String> topics() {
        int i = nextIndex();
        return topics.classify(texts[i], industries[i]);
    }

    @Benchmark
    public Sentiment sentiment() {
        int i = nextIndex();
        return sentiment.score(texts[i], i % 2 == 0 ? "it" : "en");
    }

    /** What the enrichment asks until brands tell their industry: every industry's topics. */
    @Benchmark
    public List<String> topicsOfEveryIndustry() {
        return topics.classify(texts[nextIndex()], null);
    }

    @Benchmark
    public boolean complaint() {
        int i = nextIndex();
        return complaints.isComplaint(posts[i], texts[i], brandIds[i], feelings[i]);
    }

    /** The post's declared language is absent on a third of the pool, so both paths are measured. */
    @Benchmark
    public String language() {
        int i = nextIndex();
        return languages.identify(texts[i], posts[i].lang());
    }

    @Benchmark
    public Intent intent() {
        int i = nextIndex();
        return intents.classify(posts[i], texts[i], langs[i], brandIds[i], feelings[i], complaintFlags[i]);
    }
}
