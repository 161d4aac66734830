package io.outcry.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A brand's usual complaint vocabulary, learned from the sampled complaint texts of every
 * window with exponential decay, so that an alert's terms are the ones that stand out against
 * it ("rete", "napoli") rather than the ones every complaint has ("servizio"). Bounded: the
 * rarest terms are forgotten first. A mutable POJO kept in Flink state.
 */
public class TermBackground {

    static final int MAX_TERMS = 3_000;
    static final int TOP_TERMS = 8;
    private static final double DECAY = 0.995;
    /** Weights are rescaled before the growing boost could lose precision. */
    private static final double RESCALE_AT = 1e6;
    private static final Set<String> STOPWORDS = Set.of(
            // Italian
            "che", "non", "per", "una", "con", "del", "della", "dei", "delle", "gli", "nel", "nella", "sono", "anche",
            "come", "piu", "più", "questo", "questa", "ancora", "dopo", "tutto", "tutti", "alla", "allo", "dal",
            "dalla", "suo", "sua", "mio", "mia", "hanno", "era", "cosa", "fa", "già", "gia", "solo", "poi", "qui",
            "ora", "oggi", "ieri", "mai", "sempre", "stato", "sto", "sei", "siete", "abbiamo", "avete", "vostro",
            "vostra", "nostro", "nostra", "tra", "fra", "senza", "sul", "sulla", "però", "pero", "quando", "dove",
            // English
            "the", "and", "for", "you", "your", "with", "this", "that", "not", "are", "was", "were", "have", "has",
            "had", "but", "from", "they", "them", "its", "it's", "our", "out", "all", "any", "can", "just", "now",
            "get", "got", "again", "still", "what", "when", "why", "how", "who", "about", "been", "being", "there",
            "their", "then", "than", "will", "would", "could", "into", "over", "today", "i'm", "don't", "can't",
            "amp", "rt", "via", "http", "https");

    /** Term weights and their total, all scaled by {@link #boost}. */
    public Map<String, Double> weights = new HashMap<>();
    public double total;
    /** What one occurrence weighs now: it grows by 1 / DECAY per window, which decays everything older. */
    public double boost = 1;

    public TermBackground() {}

    void learn(List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        // Decay without touching every weight: new words weigh more instead, by the same factor.
        boost /= DECAY;
        for (String text : texts) {
            for (String term : terms(text)) {
                weights.merge(term, boost, Double::sum);
                total += boost;
            }
        }
        if (boost > RESCALE_AT) {
            weights.replaceAll((term, weight) -> weight / boost);
            total /= boost;
            boost = 1;
        }
        if (weights.size() > MAX_TERMS) {
            List<Map.Entry<String, Double>> entries = new ArrayList<>(weights.entrySet());
            entries.sort(Map.Entry.comparingByValue());
            entries.subList(0, weights.size() - MAX_TERMS).forEach(e -> weights.remove(e.getKey()));
        }
    }

    /** The terms of {@code texts} most over-represented against this background, at least twice each. */
    List<String> standingOut(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        int n = 0;
        for (String text : texts) {
            for (String term : terms(text)) {
                counts.merge(term, 1, Integer::sum);
                n++;
            }
        }
        double alertTotal = Math.max(1, n);
        double backgroundTotal = Math.max(1, total / boost);
        Map<String, Double> lift = new HashMap<>();
        counts.forEach((term, count) -> {
            if (count >= 2) {
                double background = weights.getOrDefault(term, 0.0) / boost;
                lift.put(term, Math.log((count + 0.5) / alertTotal) - Math.log((background + 0.5) / backgroundTotal)
                        + 0.1 * Math.log(count));
            }
        });
        return lift.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_TERMS).map(Map.Entry::getKey).toList();
    }

    /** Lower-case words of three letters or more; links, mentions and stopwords dropped, hashtags kept as words. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (start == i || text.charAt(start) == '@' || text.startsWith("http", start)) {
                continue;
            }
            // Trim punctuation around the word ('#' included); an apostrophe inside stays ("dell'app").
            int from = start;
            int to = i;
            while (from < to && !Character.isLetterOrDigit(text.charAt(from))) {
                from++;
            }
            while (to > from && !Character.isLetterOrDigit(text.charAt(to - 1))) {
                to--;
            }
            if (to - from < 3) {
                continue;
            }
            String word = text.substring(from, to).toLowerCase(Locale.ROOT);
            if (!STOPWORDS.contains(word) && !allDigits(word)) {
                terms.add(word);
            }
        }
        return terms;
    }

    private static boolean allDigits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
