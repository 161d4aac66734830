package io.outcry.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    public Map<String, Double> weights = new HashMap<>();
    public double total;

    public TermBackground() {}

    void learn(List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        total *= DECAY;
        weights.replaceAll((term, weight) -> weight * DECAY);
        for (String text : texts) {
            for (String term : terms(text)) {
                weights.merge(term, 1.0, Double::sum);
                total++;
            }
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
        double backgroundTotal = Math.max(1, total);
        Map<String, Double> lift = new HashMap<>();
        counts.forEach((term, count) -> {
            if (count >= 2) {
                double background = weights.getOrDefault(term, 0.0);
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
        for (String raw : text.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (raw.startsWith("@") || raw.startsWith("http")) {
                continue;
            }
            String word = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}']+$", "").replaceAll("^'+|'+$", "");
            if (word.length() >= 3 && !STOPWORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                terms.add(word);
            }
        }
        return terms;
    }
}
