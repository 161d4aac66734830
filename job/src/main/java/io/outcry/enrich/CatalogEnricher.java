package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.CatalogException;
import io.outcry.sentiment.Sentiment;
import io.outcry.sentiment.SentimentScorer;
import io.outcry.sentiment.LexiconSentimentScorer;
import io.outcry.model.LinearModelSentimentScorer;
import io.outcry.locate.Location;
import io.outcry.locate.PostLocator;
import io.outcry.post.Post;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The enrichment as the parts compose it: the text is tokenised once, then brands, location,
 * topics, sentiment and the complaint flag are each asked of their own part. The post's region
 * is its location's ({@link PostLocator#region}), so windows and zones place a post alike. Every part
 * sits behind an interface so that a better one (a bigger catalog, a trained model) replaces
 * it without touching the others.
 */
public final class CatalogEnricher implements Enricher {

    private final BrandRecognizer brands;
    private final LanguageIdentifier languages;
    private final TopicClassifier topics;
    private final SentimentScorer sentiment;
    private final ComplaintDetector complaints;
    private final IntentClassifier intents;
    private final PostLocator locator;

    /** @param locator finds where posts about a brand are from, and so their region */
    public CatalogEnricher(
            BrandRecognizer brands,
            LanguageIdentifier languages,
            TopicClassifier topics,
            SentimentScorer sentiment,
            ComplaintDetector complaints,
            IntentClassifier intents,
            PostLocator locator) {
        this.locator = locator;
        this.brands = brands;
        this.languages = languages;
        this.topics = topics;
        this.sentiment = sentiment;
        this.complaints = complaints;
        this.intents = intents;
    }

    /**
     * Builds the enrichment from {@code config}'s catalogs and least location confidence, the
     * bundled gazetteers and the bundled lexicons.
     *
     * @throws CatalogException when a catalog is missing or invalid; the message names the
     *     file and what is wrong
     */
    public static Enricher load(EnrichmentConfig config) {
        CatalogBrandRecognizer brands = CatalogBrandRecognizer.load(config.brandCatalog());
        return new CatalogEnricher(
                brands,
                NgramLanguageIdentifier.bundled(),
                KeywordTopicClassifier.load(config.topicTaxonomy()),
                sentiment(config.sentimentModel()),
                CueComplaintDetector.load(config.complaintCues(), brands),
                RuleIntentClassifier.bundled(),
                PostLocator.bundled(config.minLocationConfidence()));
    }

    /**
     * Reads the catalogs and the model that {@code config} names, as {@link #load} would on every
     * task, so that a mistake in one stops a submission with its one line instead of failing the
     * tasks and restarting them on it. The bundled parts are left alone: the build checks them.
     *
     * @throws CatalogException as {@link #load} does
     */
    public static void validate(EnrichmentConfig config) {
        CatalogBrandRecognizer brands = CatalogBrandRecognizer.load(config.brandCatalog());
        KeywordTopicClassifier.load(config.topicTaxonomy());
        CueComplaintDetector.load(config.complaintCues(), brands);
        sentiment(config.sentimentModel());
    }

    /** A post's topics come from the industries of the brands it names, plus the generic ones. */
    private Set<String> industriesOf(List<String> brandIds) {
        if (brandIds.isEmpty()) {
            return Set.of();
        }
        if (brandIds.size() == 1) {
            // Most posts name one brand: no set to build for them.
            String industry = brands.industry(brandIds.get(0));
            return industry == null ? Set.of() : Set.of(industry);
        }
        Set<String> industries = new HashSet<>(4);
        for (String brand : brandIds) {
            String industry = brands.industry(brand);
            if (industry != null) {
                industries.add(industry);
            }
        }
        return industries;
    }

    /** The trained model when the config names one, else the lexicon-and-rules scorer. */
    private static SentimentScorer sentiment(String modelFile) {
        if (modelFile == null) {
            return LexiconSentimentScorer.bundled();
        }
        try {
            return LinearModelSentimentScorer.load(Path.of(modelFile));
        } catch (IOException e) {
            throw new CatalogException("cannot read the sentiment model " + modelFile + ": " + e.getMessage()
                    + "; write one with `outcry train`, or leave the option out to use the lexicon scorer", e);
        }
    }

    @Override
    public List<String> brandsOfAccount(String platform, String handle) {
        return brands.brandsOfAccount(platform, handle);
    }

    @Override
    public boolean isOfficialAccount(String platform, String brandId, String handle) {
        return brands.isOfficialAccount(platform, brandId, handle);
    }

    @Override
    public EnrichedPost enrich(Post post) {
        TokenizedText text = TokenizedText.of(post.text());
        List<String> brandIds = brands.recognize(post, text);
        String lang = languages.identify(text, post.lang());
        Sentiment feeling = sentiment.score(text, lang);
        boolean complaint = complaints.isComplaint(post, text, brandIds, feeling);
        // Only posts about a brand are counted anywhere: the others need no position.
        Location location = brandIds.isEmpty() ? Location.UNKNOWN : locator.locate(post, text);
        return new EnrichedPost(
                post,
                brandIds,
                locator.region(location),
                topics.classify(text, industriesOf(brandIds)),
                lang,
                intents.classify(post, text, lang, brandIds, feeling, complaint),
                feeling.polarity(),
                feeling.negative(),
                complaint,
                location);
    }
}
