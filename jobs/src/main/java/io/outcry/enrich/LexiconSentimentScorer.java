package io.outcry.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polarity from word valences: the AFINN-165 lexicon per language (-5..5 per word or
 * phrase, {@code lexicon/afinn-<lang>.tsv}, derived by {@link LexiconBuilder}), overridden
 * by Outcry's own short list ({@code lexicon/outcry-<lang>.tsv}) for the customer-care words
 * the machine-translated AFINN lacks ("pessimo", "grazie", "funziona").
 *
 * <p>The valences of a post are summed, a negator ("non", "not", "never", "mai", ...) flipping
 * the next valence within {@value #NEGATION_SCOPE} tokens, and the sum {@code s} is squashed
 * into [-1, 1] as {@code s / sqrt(s² + 15)} (VADER's normalisation, so one mildly negative
 * word is about -0.25 and a tirade tends to -1). The post's language picks the lexicon;
 * when it is unknown or not bundled, every lexicon scores it and the strongest verdict wins.
 */
public final class LexiconSentimentScorer implements SentimentScorer {

    /** Polarity below this reads as negative: any net negative valence does. */
    public static final double NEGATIVE_THRESHOLD = -0.05;

    static final int NEGATION_SCOPE = 3;
    private static final double NORMALISATION_ALPHA = 15;
    private static final String DIRECTORY = "lexicon/";
    private static final Map<String, Set<String>> NEGATORS = Map.of(
            "it", Set.of("non", "mai", "nessun", "nessuno", "nessuna", "niente", "nulla", "nemmeno", "neanche", "senza"),
            "en", Set.of("not", "no", "never", "t", "cannot", "nobody", "nothing", "none", "without", "neither", "nor"));

    private final Map<String, Lexicon> lexicons;

    LexiconSentimentScorer(Map<String, Lexicon> lexicons) {
        this.lexicons = Map.copyOf(lexicons);
    }

    /** The bundled lexicons: Italian and English. */
    public static LexiconSentimentScorer bundled() {
        Map<String, Lexicon> lexicons = new LinkedHashMap<>();
        for (String lang : List.of("it", "en")) {
            PhraseIndex.Builder<Integer> valences = PhraseIndex.builder();
            // the override list first: the first registration of a phrase wins
            readValences(valences, DIRECTORY + "outcry-" + lang + ".tsv");
            readValences(valences, DIRECTORY + "afinn-" + lang + ".tsv");
            lexicons.put(lang, new Lexicon(valences.build(), NEGATORS.get(lang)));
        }
        return new LexiconSentimentScorer(lexicons);
    }

    @Override
    public Sentiment score(TokenizedText text, String lang) {
        Lexicon lexicon = lang == null ? null : lexicons.get(language(lang));
        if (lexicon != null) {
            return sentiment(lexicon.sum(text.tokens()));
        }
        int strongest = 0;
        for (Lexicon candidate : lexicons.values()) {
            int sum = candidate.sum(text.tokens());
            if (Math.abs(sum) > Math.abs(strongest)) {
                strongest = sum;
            }
        }
        return sentiment(strongest);
    }

    private static Sentiment sentiment(int sum) {
        if (sum == 0) {
            return Sentiment.NEUTRAL;
        }
        double polarity = sum / Math.sqrt((double) sum * sum + NORMALISATION_ALPHA);
        return new Sentiment(polarity, polarity < NEGATIVE_THRESHOLD);
    }

    /** "it", "IT", "it-IT" and "it_IT" all pick the Italian lexicon. */
    private static String language(String lang) {
        String code = lang.length() > 2 && (lang.charAt(2) == '-' || lang.charAt(2) == '_') ? lang.substring(0, 2) : lang;
        return code.toLowerCase(Locale.ROOT);
    }

    private static void readValences(PhraseIndex.Builder<Integer> valences, String resource) {
        InputStream in = LexiconSentimentScorer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new CatalogException("classpath:" + resource + " missing (broken build?)");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                try {
                    valences.add(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1).strip()));
                } catch (RuntimeException e) {
                    throw new CatalogException("classpath:" + resource + " line " + lineNumber
                            + ": expected '<term><TAB><integer valence>', found '" + line + "'", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }

    /** One language's valences and negators. */
    record Lexicon(PhraseIndex<Integer> valences, Set<String> negators) {

        int sum(List<String> tokens) {
            int sum = 0;
            int negationLeft = 0;
            for (int i = 0; i < tokens.size(); ) {
                if (negators.contains(tokens.get(i))) {
                    negationLeft = NEGATION_SCOPE;
                    i++;
                    continue;
                }
                PhraseIndex.Match<Integer> match = valences.longestAt(tokens, i);
                if (match == null) {
                    negationLeft = Math.max(0, negationLeft - 1);
                    i++;
                    continue;
                }
                sum += negationLeft > 0 ? -match.value() : match.value();
                negationLeft = 0;
                i += match.length();
            }
            return sum;
        }
    }
}
