package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.TextNormalizer;
import io.outcry.text.PostSentences;
import io.outcry.text.PhraseIndex;
import io.outcry.sentiment.Sentiment;
import io.outcry.post.Post;
import java.util.HashMap;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a post's intent from cue phrases per language ({@code lexicon/intents.yaml}, which
 * documents the precedence), the complaint flag and the sentiment. Phrases are matched on the
 * post's tokens; sentence boundaries and question marks come from one pass over
 * {@link Post#text()}, which also skips the tokens of mentions, hashtags and URLs, so that a
 * '?' inside a URL asks nothing and "@tim_back" is not "back".
 *
 * <p>Restored comes first because outage zones close on it, whatever else the post says
 * ("finalmente funziona di nuovo, vergogna" still says the service is back). A question comes
 * before a complaint because it needs an answer; the post keeps its complaint flag on
 * {@link EnrichedPost} either way.
 */
public final class RuleIntentClassifier implements IntentClassifier {

    public static final String BUNDLED_CUES = "lexicon/intents.yaml";

    /** Polarity from which a post that names a brand is praise without a praise word. */
    static final double PRAISE_POLARITY = 0.5;
    /** How many words before a restored or back phrase a negation (or, for back, a trouble word) cancels it. */
    static final int CANCEL_WINDOW = 3;

    private final Map<String, Cues> byLanguage;
    private final Cues anyLanguage;

    private RuleIntentClassifier(Map<String, Cues> byLanguage, Cues anyLanguage) {
        this.byLanguage = byLanguage;
        this.anyLanguage = anyLanguage;
    }

    /** The classifier with the bundled cues (it and en in depth, es, fr, de and pt basic). */
    public static RuleIntentClassifier bundled() {
        return load(null);
    }

    /**
     * Loads the cues at {@code path}, or the bundled ones when {@code path} is null.
     *
     * @throws CatalogException when the file is missing, malformed, or a language lacks restored cues
     */
    public static RuleIntentClassifier load(String path) {
        CatalogSource source = CatalogSource.of(path, BUNDLED_CUES);
        IntentsFile file = source.readYaml(IntentsFile.class);
        if (file.languages() == null || file.languages().isEmpty()) {
            throw source.invalid("no languages: expected a top-level 'languages:' map of ISO 639-1 code to cue lists");
        }
        Map<String, Cues> byLanguage = new HashMap<>();
        CuesBuilder all = new CuesBuilder(source, "all languages");
        file.languages().forEach((lang, lists) -> {
            if (lists == null || lists.restored() == null || lists.restored().isEmpty()) {
                throw source.invalid(lang + ": needs at least a non-empty 'restored' list");
            }
            CuesBuilder one = new CuesBuilder(source, lang);
            one.add(lists);
            all.add(lists);
            byLanguage.put(lang.toLowerCase(Locale.ROOT), one.build());
        });
        return new RuleIntentClassifier(byLanguage, all.build());
    }

    @Override
    public Intent classify(Post post, TokenizedText text, String lang, List<String> brands, Sentiment sentiment,
            boolean complaint) {
        Cues cues = lang == null ? anyLanguage : byLanguage.getOrDefault(lang, anyLanguage);
        int[] tokens = text.ids();
        PostSentences sentences = PostSentences.of(post.text(), text);
        if (saysRestored(cues, tokens, sentences)) {
            return Intent.RESTORED;
        }
        if (asks(cues, tokens, sentences)) {
            return Intent.QUESTION;
        }
        if (complaint || (sentiment.negative() && !brands.isEmpty())) {
            return Intent.COMPLAINT;
        }
        if (!brands.isEmpty() && !sentiment.negative()
                && (sentiment.polarity() >= PRAISE_POLARITY || (sentiment.polarity() >= 0 && has(cues, cues.praise, tokens, sentences)))) {
            return Intent.PRAISE;
        }
        return Intent.OTHER;
    }

    // The cue lookups come before the sentence tests below: the sentences are read only for a
    // post that has a cue somewhere, and most posts have none.

    private static boolean saysRestored(Cues cues, int[] tokens, PostSentences sentences) {
        for (int i = 0; i < tokens.length; i++) {
            if (!cues.startsACue(tokens[i])) {
                continue;
            }
            boolean restored = cues.restored.longestAt(tokens, i) != null;
            boolean back = cues.back.longestAt(tokens, i) != null;
            if (!restored && !back || sentences.skipped(i) || sentences.isQuestion(i)) {
                continue;
            }
            if (restored && !cancelled(cues.negations, tokens, sentences, i)) {
                return true;
            }
            if (back && !cancelled(cues.negations, tokens, sentences, i)
                    && !cancelled(cues.troubles, tokens, sentences, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cancelled(PhraseIndex<Boolean> cancellers, int[] tokens, PostSentences sentences, int cue) {
        for (int i = Math.max(0, cue - CANCEL_WINDOW); i < cue; i++) {
            if (cancellers.containsWord(tokens[i]) && !sentences.skipped(i) && sentences.sameSentence(i, cue)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asks(Cues cues, int[] tokens, PostSentences sentences) {
        if (sentences.anyQuestion()) {
            return true;
        }
        for (int i = 0; i < tokens.length; i++) {
            if (cues.startsACue(tokens[i]) && cues.openers.longestAt(tokens, i) != null && sentences.startsASentence(i)) {
                return true;
            }
        }
        return has(cues, cues.phrases, tokens, sentences);
    }

    private static boolean has(Cues cues, PhraseIndex<Boolean> phrases, int[] tokens, PostSentences sentences) {
        for (int i = 0; i < tokens.length; i++) {
            if (cues.startsACue(tokens[i]) && phrases.longestAt(tokens, i) != null && !sentences.skipped(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One language's cues, ready to match, and the words any of them starts with: most tokens
     * start no cue, and one bit tells so instead of a lookup in each index.
     */
    private record Cues(PhraseIndex<Boolean> openers, PhraseIndex<Boolean> phrases, PhraseIndex<Boolean> restored,
            PhraseIndex<Boolean> back, PhraseIndex<Boolean> negations, PhraseIndex<Boolean> troubles,
            PhraseIndex<Boolean> praise, BitSet starts) {

        Cues(PhraseIndex<Boolean> openers, PhraseIndex<Boolean> phrases, PhraseIndex<Boolean> restored,
                PhraseIndex<Boolean> back, PhraseIndex<Boolean> negations, PhraseIndex<Boolean> troubles,
                PhraseIndex<Boolean> praise) {
            this(openers, phrases, restored, back, negations, troubles, praise, firstWords(openers, phrases, restored, back, praise));
        }

        @SafeVarargs
        private static BitSet firstWords(PhraseIndex<Boolean>... indices) {
            BitSet starts = new BitSet();
            for (PhraseIndex<Boolean> index : indices) {
                index.addFirstWords(starts);
            }
            return starts;
        }

        boolean startsACue(int token) {
            return token >= 0 && starts.get(token);
        }
    }

    private static final class CuesBuilder {

        private final CatalogSource source;
        private final String lang;
        private final PhraseIndex.Builder<Boolean> openers = PhraseIndex.builder();
        private final PhraseIndex.Builder<Boolean> phrases = PhraseIndex.builder();
        private final PhraseIndex.Builder<Boolean> restored = PhraseIndex.builder();
        private final PhraseIndex.Builder<Boolean> back = PhraseIndex.builder();
        private final PhraseIndex.Builder<Boolean> praise = PhraseIndex.builder();
        /** Single words, checked one by one before a restored phrase. */
        private final PhraseIndex.Builder<Boolean> negations = PhraseIndex.builder();
        private final PhraseIndex.Builder<Boolean> troubles = PhraseIndex.builder();

        CuesBuilder(CatalogSource source, String lang) {
            this.source = source;
            this.lang = lang;
        }

        void add(CueLists lists) {
            addAll("questionOpeners", lists.questionOpeners(), openers);
            addAll("questionPhrases", lists.questionPhrases(), phrases);
            addAll("restored", lists.restored(), restored);
            addAll("back", lists.back(), back);
            addAll("praise", lists.praise(), praise);
            addWords("negations", lists.negations(), negations);
            addWords("troubles", lists.troubles(), troubles);
        }

        private void addAll(String list, List<String> values, PhraseIndex.Builder<Boolean> index) {
            for (String phrase : values == null ? List.<String>of() : values) {
                try {
                    index.add(phrase == null ? "" : phrase, Boolean.TRUE);
                } catch (IllegalArgumentException e) {
                    throw source.invalid(lang + " " + list + ": " + e.getMessage());
                }
            }
        }

        /** Negations and troubles are single words, checked one by one before a restored phrase. */
        private void addWords(String list, List<String> values, PhraseIndex.Builder<Boolean> words) {
            for (String value : values == null ? List.<String>of() : values) {
                List<String> tokens = TextNormalizer.tokens(value == null ? "" : value);
                if (tokens.size() != 1) {
                    throw source.invalid(lang + " " + list + ": '" + value + "' must be exactly one word");
                }
                words.addTokens(tokens, Boolean.TRUE);
            }
        }

        Cues build() {
            return new Cues(openers.build(), phrases.build(), restored.build(), back.build(), negations.build(),
                    troubles.build(), praise.build());
        }
    }

    /** The file's shape. */
    record IntentsFile(Map<String, CueLists> languages) {}

    /** One language's lists, as written in the file. */
    record CueLists(List<String> questionOpeners, List<String> questionPhrases, List<String> restored,
            List<String> back, List<String> negations, List<String> troubles, List<String> praise) {}
}
