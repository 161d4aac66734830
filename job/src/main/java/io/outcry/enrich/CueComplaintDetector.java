package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.PhraseIndex;
import io.outcry.sentiment.Sentiment;
import io.outcry.post.Post;
import java.util.List;
import java.util.Map;

/**
 * A post complains when it names a brand whose official accounts did not write it, and it
 * either reads as negative or contains a complaint cue ({@code lexicon/complaint-cues.yaml}:
 * "vergogna", "disservizio", "worst", "still waiting", ...). Cues catch the complaints whose
 * words a sentiment lexicon scores as neutral or even polite ("ancora senza linea, grazie").
 *
 * <p>Cues file format:
 * <pre>
 * cues:
 *   it: [vergogna, sto ancora aspettando]
 *   en: [worst, still waiting]
 * </pre>
 */
public final class CueComplaintDetector implements ComplaintDetector {

    public static final String BUNDLED_CUES = "lexicon/complaint-cues.yaml";

    private final PhraseIndex<Boolean> cues;
    private final BrandRecognizer brands;

    private CueComplaintDetector(PhraseIndex<Boolean> cues, BrandRecognizer brands) {
        this.cues = cues;
        this.brands = brands;
    }

    /**
     * Loads the cues at {@code path}, or the bundled ones when {@code path} is null.
     *
     * @param brands tells which accounts speak for a brand
     */
    public static CueComplaintDetector load(String path, BrandRecognizer brands) {
        CatalogSource source = CatalogSource.of(path, BUNDLED_CUES);
        CuesFile file = source.readYaml(CuesFile.class);
        if (file.cues() == null || file.cues().values().stream().allMatch(l -> l == null || l.isEmpty())) {
            throw source.invalid("no cues: expected a top-level 'cues:' map of language to a list of phrases");
        }
        PhraseIndex.Builder<Boolean> cues = PhraseIndex.builder();
        file.cues().forEach((lang, phrases) -> {
            for (String phrase : phrases == null ? List.<String>of() : phrases) {
                try {
                    cues.add(phrase == null ? "" : phrase, Boolean.TRUE);
                } catch (IllegalArgumentException e) {
                    throw source.invalid(lang + " cue: " + e.getMessage());
                }
            }
        });
        return new CueComplaintDetector(cues.build(), brands);
    }

    @Override
    public boolean isComplaint(Post post, TokenizedText text, List<String> brandIds, Sentiment sentiment) {
        if (!namesABrandItDoesNotSpeakFor(post, brandIds)) {
            return false;
        }
        return sentiment.negative() || hasCue(text);
    }

    /** Whether the text contains a complaint cue. */
    public boolean hasCue(TokenizedText text) {
        int[] ids = text.ids();
        for (int i = 0; i < ids.length; i++) {
            if (cues.longestAt(ids, i) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean namesABrandItDoesNotSpeakFor(Post post, List<String> brandIds) {
        String author = post.author() == null ? null : post.author().handle();
        for (String brand : brandIds) {
            if (!brands.isOfficialAccount(post.platform(), brand, author)) {
                return true;
            }
        }
        return false;
    }

    /** The file's shape: cue phrases per language code. */
    record CuesFile(Map<String, List<String>> cues) {}
}
