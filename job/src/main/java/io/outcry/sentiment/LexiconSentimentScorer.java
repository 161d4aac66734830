package io.outcry.sentiment;

import io.outcry.text.TokenizedText;
import io.outcry.text.TextNormalizer;
import io.outcry.text.Vocabulary;
import io.outcry.text.PhraseIndex;
import io.outcry.text.ItalianInflections;
import io.outcry.text.ItalianStemmer;
import io.outcry.text.CatalogException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Polarity from word valences and the rules around them, after VADER (Hutto &amp; Gilbert, 2014).
 *
 * <p>Valences, on VADER's -4..4 scale, come per language from bundled lexicons, the first
 * listing a word winning: English from Outcry's customer-care list ({@code outcry-en.tsv}),
 * VADER and AFINN-165; Italian from Outcry's list, AFINN-165 and Sentix 3.1.1 lemmas with
 * their {@link ItalianInflections}; Spanish, French, German and Portuguese from AFINN-165;
 * emoji and emoticons from the Emoji Sentiment Ranking and VADER (see the attribution files
 * in {@code lexicon/}, and {@code LexiconBuilder} (tools) for how each list is derived).
 *
 * <p>Around each valenced word the rules of {@code lexicon/sentiment-rules.yaml} apply: a
 * negator within {@value #NEGATION_SCOPE} tokens of the same clause flips and damps it, a
 * booster before it ("molto", "very", "un po'") scales it, capitals in a text not written all
 * in capitals stress it, and after a "but" ("ma", "però") words weigh three times what they
 * weighed before. Handles and links carry no sentiment. Then '!' (up to four) and repeated '?'
 * (up to three) push the total further from zero, and the total {@code s} is squashed into
 * [-1, 1] as {@code s / sqrt(s² + 15)}. The post's language picks the lexicon; when it is
 * unknown or not bundled, every lexicon scores it and the strongest verdict wins.
 */
public final class LexiconSentimentScorer implements SentimentScorer {

    /**
     * Polarity below this reads as negative: any net negative valence does. Moving it above 0
     * raises F1 on tweets where most posts are negative only by calling every post without a
     * valenced word negative, which a radar must not do.
     */
    public static final double NEGATIVE_THRESHOLD = -0.05;

    static final int NEGATION_SCOPE = 3;
    private static final double NEGATION_FACTOR = -0.74;
    private static final double CAPS_EMPHASIS = 0.733;
    private static final double ELONGATION_EMPHASIS = 0.3;
    private static final double BEFORE_CONTRAST = 0.5;
    private static final double AFTER_CONTRAST = 1.5;
    private static final double EXCLAMATION_EMPHASIS = 0.292;
    private static final double QUESTION_EMPHASIS = 0.18;
    private static final double[] BOOSTER_DECAY = {1, 0.95, 0.9};
    private static final double NORMALISATION_ALPHA = 15;
    /** AFINN's -5..5 and Outcry's lists (same scale) onto VADER's -4..4. */
    private static final double AFINN_SCALE = 0.8;
    /** Sentix's -1..1 onto VADER's -4..4: a Sentix 1.0 reads as a strong VADER word. */
    private static final double SENTIX_SCALE = 3.5;
    /**
     * Sentix lemmas weaker than this are left out: its many faint scores of common words
     * ("stato", "fare", "oggi") drown the signal, lowering F1 on SENTIPOLC 2016 from 0.51 to 0.40.
     */
    private static final double SENTIX_MIN = 0.5;
    /** The Emoji Sentiment Ranking's mean in -1..1 onto VADER's -4..4. */
    private static final double EMOJI_SCALE = 3;

    private static final String DIRECTORY = "lexicon/";

    private final Map<String, Lexicon> lexicons;
    private final Map<String, Double> emoji;

    LexiconSentimentScorer(Map<String, Lexicon> lexicons, Map<String, Double> emoji) {
        // In the caller's order, not Map.copyOf's per-JVM random one: when no language is known,
        // the first of equally strong lexicons wins, and a replay must pick the same one.
        this.lexicons = Collections.unmodifiableMap(new LinkedHashMap<>(lexicons));
        this.emoji = Map.copyOf(emoji);
    }

    /**
     * The bundled lexicons (it, en, es, fr, de, pt), loaded once per class loader: the scorer is
     * immutable and thread-safe, and the Italian forms alone take some megabytes.
     */
    public static LexiconSentimentScorer bundled() {
        return Bundled.INSTANCE;
    }

    @Override
    public Sentiment score(TokenizedText text, String lang) {
        Lexicon lexicon = lang == null ? null : lexicons.get(language(lang));
        double emojiSum = emojiSum(text);
        if (lexicon != null) {
            return sentiment(lexicon.sum(text) + emojiSum, text);
        }
        double strongest = 0;
        for (Lexicon candidate : lexicons.values()) {
            double sum = candidate.sum(text);
            if (Math.abs(sum) > Math.abs(strongest)) {
                strongest = sum;
            }
        }
        return sentiment(strongest + emojiSum, text);
    }

    /**
     * Whether token {@code index} of {@code text} plays a part in the lexicon of {@code lang}
     * (a valenced word or the start of a valenced phrase, a negator, a booster, a "but"), or in
     * any bundled lexicon when {@code lang} is unknown or not bundled: the words whose meaning
     * does not depend on what a post is about.
     */
    public boolean knows(TokenizedText text, int index, String lang) {
        int id = text.ids()[index];
        Lexicon lexicon = lang == null ? null : lexicons.get(language(lang));
        if (lexicon != null) {
            return lexicon.knows(id);
        }
        for (Lexicon candidate : lexicons.values()) {
            if (candidate.knows(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The valence, on VADER's -4..4 scale, of token {@code index} of {@code text} as a single
     * word in the lexicon of {@code lang} (the strongest of every lexicon's when {@code lang} is
     * unknown or not bundled), before any rule applies; 0 when no lexicon gives it one.
     */
    public double valence(TokenizedText text, int index, String lang) {
        int id = text.ids()[index];
        Lexicon lexicon = lang == null ? null : lexicons.get(language(lang));
        if (lexicon != null) {
            return lexicon.valence(id);
        }
        double strongest = 0;
        for (Lexicon candidate : lexicons.values()) {
            double valence = candidate.valence(id);
            if (Math.abs(valence) > Math.abs(strongest)) {
                strongest = valence;
            }
        }
        return strongest;
    }

    /**
     * The valence of the words of the lexicon of {@code lang} whose {@link ItalianStemmer}
     * stem is {@code stem}, when they agree in sign (VADER's -4..4 scale); 0 for none, and for
     * every language but Italian.
     */
    public double stemValence(String stem, String lang) {
        Lexicon lexicon = lang == null ? null : lexicons.get(language(lang));
        return lexicon == null ? 0 : lexicon.stems().getOrDefault(stem, 0.0);
    }

    private double emojiSum(TokenizedText text) {
        double sum = 0;
        for (String pictograph : text.emoji()) {
            Double valence = emoji.get(pictograph);
            if (valence != null) {
                sum += valence;
            }
        }
        return sum;
    }

    private static Sentiment sentiment(double sum, TokenizedText text) {
        if (sum == 0) {
            return Sentiment.NEUTRAL;
        }
        double emphasis = Math.min(text.exclamations(), 4) * EXCLAMATION_EMPHASIS
                + (text.questions() > 1 ? Math.min(text.questions(), 3) * QUESTION_EMPHASIS : 0);
        double stressed = sum + Math.signum(sum) * emphasis;
        double polarity = stressed / Math.sqrt(stressed * stressed + NORMALISATION_ALPHA);
        return new Sentiment(polarity, polarity < NEGATIVE_THRESHOLD);
    }

    /** "it", "IT", "it-IT" and "it_IT" all pick the Italian lexicon. */
    private static String language(String lang) {
        String code = lang.length() > 2 && (lang.charAt(2) == '-' || lang.charAt(2) == '_') ? lang.substring(0, 2) : lang;
        return code.toLowerCase(Locale.ROOT);
    }

    /**
     * One language's valences and rules, with what each word is to them laid out by token id:
     * a token costs a read of its role and, when it has one, of its value, where asking the
     * four indexes would cost a chain of reads through each (EnrichmentBenchmark.enrich, paired).
     *
     * @param valences the valence of each word and phrase, for phrases of two words or more
     *     and for elongated words
     * @param roles per token id, the bits {@link #NEGATOR} ... {@link #STARTS_PHRASE}; ids past
     *     its end have none
     * @param values at {@code 2 * id} the booster's weight, at {@code 2 * id + 1} the word's valence
     * @param stems the valence of a word the lexicon does not list, by its light stem: the mean
     *     of the listed single words that share the stem, when they agree in sign ("deludenti"
     *     by "deludente"); a stem whose words disagree has none. Empty but for Italian, whose
     *     inflections a lemma lexicon such as Sentix misses.
     */
    record Lexicon(PhraseIndex<Double> valences, byte[] roles, double[] values, Map<String, Double> stems) {

        static final byte NEGATOR = 1;
        static final byte CONTRAST = 1 << 1;
        static final byte BOOSTER = 1 << 2;
        static final byte VALENCE = 1 << 3;
        /** A valenced phrase of two words or more starts with the word. */
        static final byte STARTS_PHRASE = 1 << 4;

        static Lexicon of(PhraseIndex<Double> valences, Rules rules, boolean stemmed) {
            Map<Integer, Double> boosters = new HashMap<>();
            rules.boosters().forEach((word, weight) -> boosters.putIfAbsent(Vocabulary.intern(word), weight));
            List<Integer> negators = rules.negators().stream().map(Vocabulary::intern).toList();
            List<Integer> contrasts = rules.contrasts().stream().map(Vocabulary::intern).toList();
            BitSet valenced = new BitSet();
            valences.addFirstWords(valenced);
            BitSet known = (BitSet) valenced.clone();
            negators.forEach(known::set);
            contrasts.forEach(known::set);
            boosters.keySet().forEach(known::set);
            int size = known.length();
            byte[] roles = new byte[size];
            double[] values = new double[2 * size];
            negators.forEach(id -> roles[id] |= NEGATOR);
            contrasts.forEach(id -> roles[id] |= CONTRAST);
            boosters.forEach((id, weight) -> {
                roles[id] |= BOOSTER;
                values[2 * id] = weight;
            });
            valenced.stream().forEach(id -> {
                Double valence = valences.word(id);
                if (valence != null) {
                    roles[id] |= VALENCE;
                    values[2 * id + 1] = valence;
                }
                if (valences.startsLongerPhrase(id)) {
                    roles[id] |= STARTS_PHRASE;
                }
            });
            Map<String, Double> words = new HashMap<>();
            if (stemmed) {
                for (int id = 0; id < size; id++) {
                    if ((roles[id] & VALENCE) != 0) {
                        words.put(Vocabulary.word(id), values[2 * id + 1]);
                    }
                }
            }
            return new Lexicon(valences, roles, values, stems(words));
        }

        static Map<String, Double> stems(Map<String, Double> words) {
            Map<String, double[]> sums = new HashMap<>();
            words.forEach((word, valence) -> {
                double[] sum = sums.computeIfAbsent(ItalianStemmer.stem(word), stem -> new double[3]);
                sum[0] += valence;
                sum[1]++;
                sum[2] += Math.signum(valence);
            });
            Map<String, Double> stems = new HashMap<>();
            sums.forEach((stem, sum) -> {
                if (Math.abs(sum[2]) == sum[1]) {
                    stems.put(stem, sum[0] / sum[1]);
                }
            });
            return Map.copyOf(stems);
        }

        /** The valence of an unlisted word by its stem; NaN for none. */
        private double byStem(String word) {
            if (stems.isEmpty()) {
                return Double.NaN;
            }
            int length = ItalianStemmer.stemLength(word);
            Double valence = length == word.length() ? null : stems.get(word.substring(0, length));
            return valence == null ? Double.NaN : valence;
        }

        boolean knows(int id) {
            return id >= 0 && id < roles.length && roles[id] != 0;
        }

        double valence(int id) {
            return id >= 0 && id < roles.length && (roles[id] & VALENCE) != 0 ? values[2 * id + 1] : 0;
        }

        double sum(TokenizedText text) {
            int[] ids = text.ids();
            int size = ids.length;
            boolean shouting = !allCaps(text);
            double sum = 0;
            double weight = 1;
            int sinceNegator = Integer.MAX_VALUE;
            double boost = 0;
            int sinceBooster = Integer.MAX_VALUE;
            for (int i = 0; i < size; ) {
                byte flags = text.flags(i);
                if ((flags & TokenizedText.CLAUSE_START) != 0) {
                    sinceNegator = Integer.MAX_VALUE;
                    sinceBooster = Integer.MAX_VALUE;
                }
                if ((flags & (TokenizedText.URL | TokenizedText.MENTION)) != 0) {
                    i++;
                    continue;
                }
                int id = ids[i];
                int role = id >= 0 && id < roles.length ? roles[id] : 0;
                boolean unlisted = role == 0 && (flags & TokenizedText.ELONGATED) == 0;
                double stemmed = unlisted ? byStem(text.token(i)) : Double.NaN;
                if (unlisted && Double.isNaN(stemmed)) {
                    // no rule and no valence, as below when nothing matches
                    sinceNegator = sinceNegator == Integer.MAX_VALUE ? sinceNegator : sinceNegator + 1;
                    sinceBooster = sinceBooster == Integer.MAX_VALUE ? sinceBooster : sinceBooster + 1;
                    i++;
                    continue;
                }
                if ((role & NEGATOR) != 0) {
                    sinceNegator = 0;
                    i++;
                    continue;
                }
                if (weight == 1 && (role & CONTRAST) != 0) {
                    sum *= BEFORE_CONTRAST;
                    weight = AFTER_CONTRAST;
                    sinceNegator = Integer.MAX_VALUE;
                    i++;
                    continue;
                }
                if ((role & BOOSTER) != 0) {
                    double booster = values[2 * id];
                    boost = booster + (shouting && (flags & TokenizedText.ALL_CAPS) != 0 ? Math.signum(booster) * CAPS_EMPHASIS : 0);
                    sinceBooster = 0;
                    i++;
                    continue;
                }
                int length = 1;
                double valence = Double.NaN;
                PhraseIndex.Match<Double> match = (role & STARTS_PHRASE) != 0 ? valences.longestAt(ids, i) : null;
                if (match != null) {
                    valence = match.value();
                    length = match.length();
                } else if ((role & VALENCE) != 0) {
                    valence = values[2 * id + 1];
                } else if (!Double.isNaN(stemmed)) {
                    valence = stemmed;
                } else if ((flags & TokenizedText.ELONGATED) != 0) {
                    Double plain = valences.get(List.of(unstretched(text.token(i))));
                    valence = plain == null ? Double.NaN : plain;
                }
                if (Double.isNaN(valence)) {
                    sinceNegator = sinceNegator == Integer.MAX_VALUE ? sinceNegator : sinceNegator + 1;
                    sinceBooster = sinceBooster == Integer.MAX_VALUE ? sinceBooster : sinceBooster + 1;
                    i++;
                    continue;
                }
                double v = valence;
                double sign = Math.signum(v);
                if (shouting && (flags & TokenizedText.ALL_CAPS) != 0) {
                    v += sign * CAPS_EMPHASIS;
                }
                if ((flags & TokenizedText.ELONGATED) != 0) {
                    v += sign * ELONGATION_EMPHASIS;
                }
                if (sinceBooster < BOOSTER_DECAY.length) {
                    v += sign * boost * BOOSTER_DECAY[sinceBooster];
                }
                if (sinceNegator < NEGATION_SCOPE) {
                    v *= NEGATION_FACTOR;
                }
                sum += v * weight;
                sinceNegator = Integer.MAX_VALUE;
                sinceBooster = Integer.MAX_VALUE;
                i += length;
            }
            return sum;
        }

        /** Capitals stress a word only where the rest of the text is not in capitals too. */
        private static boolean allCaps(TokenizedText text) {
            int words = 0;
            for (int i = 0; i < text.size(); i++) {
                if ((text.flags(i) & (TokenizedText.URL | TokenizedText.MENTION)) == 0) {
                    if ((text.flags(i) & TokenizedText.ALL_CAPS) == 0 && text.token(i).length() > 1) {
                        return false;
                    }
                    words++;
                }
            }
            return words > 0;
        }

        /** "baaad" (already cut to "baad") as "bad", for lexicons that list the plain word. */
        private static String unstretched(String token) {
            StringBuilder plain = new StringBuilder(token.length());
            for (int k = 0; k < token.length(); k++) {
                if (k == 0 || token.charAt(k) != token.charAt(k - 1)) {
                    plain.append(token.charAt(k));
                }
            }
            return plain.toString();
        }
    }

    /** The sentiment rules of one language, as {@code lexicon/sentiment-rules.yaml} writes them. */
    record Rules(List<String> negators, List<String> contrasts, Map<String, Double> boosters) {}

    private static final class Bundled {

        static final LexiconSentimentScorer INSTANCE = load();

        private static LexiconSentimentScorer load() {
            Map<String, Rules> rules = readRules(DIRECTORY + "sentiment-rules.yaml");
            Set<String> stopWords = new HashSet<>();
            readWords(DIRECTORY + "function-words.txt", stopWords::add);
            Map<String, Lexicon> lexicons = new LinkedHashMap<>();
            for (String lang : List.of("it", "en", "es", "fr", "de", "pt")) {
                PhraseIndex.Builder<Double> valences = PhraseIndex.builder();
                // the first registration of a phrase wins: the most trusted list goes first
                switch (lang) {
                    case "en" -> {
                        readValences(DIRECTORY + "outcry-en.tsv", AFINN_SCALE, valences::add);
                        readValences(DIRECTORY + "vader-en.tsv", 1, (term, valence) -> {
                            if (hasLetters(term)) {
                                valences.add(term, valence);
                            }
                        });
                        readValences(DIRECTORY + "afinn-en.tsv", AFINN_SCALE, valences::add);
                    }
                    case "it" -> {
                        readValences(DIRECTORY + "outcry-it.tsv", AFINN_SCALE, valences::add);
                        readValences(DIRECTORY + "afinn-it.tsv", AFINN_SCALE, valences::add);
                        Map<String, Double> lemmas = new LinkedHashMap<>();
                        readValences(DIRECTORY + "sentix-it.tsv", SENTIX_SCALE, (lemma, valence) -> {
                            if (Math.abs(valence) >= SENTIX_MIN * SENTIX_SCALE && !stopWords.contains(lemma)) {
                                lemmas.put(lemma, valence);
                            }
                        });
                        lemmas.forEach(valences::add);
                        lemmas.forEach((lemma, valence) -> ItalianInflections.of(lemma).stream()
                                .filter(form -> !stopWords.contains(form))
                                .forEach(form -> valences.add(form, valence)));
                    }
                    default -> readValences(DIRECTORY + "afinn-" + lang + ".tsv", AFINN_SCALE, valences::add);
                }
                Rules languageRules = rules.get(lang);
                if (languageRules == null) {
                    throw new CatalogException("classpath:" + DIRECTORY + "sentiment-rules.yaml has no rules for '"
                            + lang + "': add negators, contrasts and boosters for it");
                }
                lexicons.put(lang, Lexicon.of(valences.build(), languageRules, lang.equals("it")));
            }
            Map<String, Double> emoji = new HashMap<>();
            readValences(DIRECTORY + "emoji-sentiment.tsv", EMOJI_SCALE, emoji::put);
            readValences(DIRECTORY + "vader-en.tsv", 1, (term, valence) -> {
                if (!hasLetters(term) || term.length() <= 3 && term.matches("[:;=<].*")) {
                    emoji.putIfAbsent(term, valence);
                }
            });
            return new LexiconSentimentScorer(lexicons, emoji);
        }

        private static void readWords(String resource, Consumer<String> sink) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        sink.accept(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath:" + resource, e);
            }
        }

        private static boolean hasLetters(String term) {
            return !TextNormalizer.tokens(term).isEmpty();
        }

        private static Map<String, Rules> readRules(String resource) {
            try (InputStream in = open(resource)) {
                ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
                return yaml.readValue(in, yaml.getTypeFactory().constructMapType(Map.class, String.class, Rules.class));
            } catch (IOException e) {
                throw new CatalogException("classpath:" + resource + ": expected per language 'negators', 'contrasts'"
                        + " and 'boosters' (" + e.getMessage() + ")", e);
            }
        }

        private static void readValences(String resource, double scale, BiConsumer<String, Double> sink) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
                String line;
                int lineNumber = 0;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank() || line.startsWith("# ")) {
                        continue;
                    }
                    int tab = line.lastIndexOf('\t');
                    try {
                        sink.accept(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1).strip()) * scale);
                    } catch (RuntimeException e) {
                        throw new CatalogException("classpath:" + resource + " line " + lineNumber
                                + ": expected '<term><TAB><valence>', found '" + line + "'", e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath:" + resource, e);
            }
        }

        private static InputStream open(String resource) {
            InputStream in = LexiconSentimentScorer.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new CatalogException("classpath:" + resource + " missing (broken build?)");
            }
            return in;
        }
    }
}
