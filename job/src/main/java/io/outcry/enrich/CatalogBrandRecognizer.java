package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.TextNormalizer;
import io.outcry.text.PhraseIndex;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Recognises the brands of a YAML catalog. A brand is named when its name, an alias, a
 * misspelling, a handle or a hashtag appears in the text as whole words (case and accents
 * ignored), when the post mentions one of its handles or official accounts, or carries one of
 * its hashtags. An ambiguous alias ("tre" the operator or the number) names the brand only
 * when the post confirms it: a mention or hashtag of the brand, another of its names, one of
 * its context words anywhere in the post, or, for a case-sensitive alias, the alias written
 * exactly as in the catalog.
 *
 * <p>One pass over the tokens whatever the catalog size: every phrase sits in one
 * {@link PhraseIndex} keyed by folded tokens, so a token costs one hash lookup (plus one per
 * further word of a phrase it starts); context words are read only for a post that has an
 * ambiguous match.
 *
 * <p>Catalog format ({@code catalog/brands.yaml} is the bundled one):
 * <pre>
 * industry_context:                # words that confirm ambiguous aliases, per industry
 *   telco: [rete, linea, sim, giga]
 * brands:
 *   - id: windtre                  # [a-z0-9_]+, unique
 *     name: WindTre
 *     industry: telco
 *     aliases: [Wind Tre, {name: Tre, ambiguous: true, context: [ricarica]}]
 *     misspellings: [Windtree]
 *     handles: [windtre]
 *     hashtags: [windtre]
 *     official_accounts: [windtre, windtre_assist]
 *     context: [windtre]           # confirms the brand's ambiguous aliases, with its industry's
 *     accounts:                    # per platform, in place of handles and official_accounts there
 *       bluesky: {handles: [windtre.bsky.social], official_accounts: [windtre.bsky.social]}
 *       mastodon: {handles: [windtre@mastodon.uno]}
 * </pre>
 * Mentions and official accounts are looked up among the accounts of the post's platform:
 * a brand's {@code accounts} entry for it, else its {@code handles} and
 * {@code official_accounts}, which also stand for any platform a catalog does not list.
 * A phrase may name one brand only: two brands sharing a spelled-out phrase is a catalog
 * error. Derived misspellings ({@link SpellingVariants}) give way to spelled-out phrases and
 * are dropped where two brands would share them.
 */
public final class CatalogBrandRecognizer implements BrandRecognizer {

    public static final String BUNDLED_CATALOG = "catalog/brands.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    private final List<Brand> brands;
    private final Map<String, Integer> indexById;
    private final PhraseIndex<Phrase> textPhrases;
    private final Map<String, Integer> hashtags;
    /** The accounts of platforms no brand lists its own for. */
    private final Accounts anyPlatform;
    /** Per platform some brand lists accounts for, every brand's accounts there. */
    private final Map<String, Accounts> byPlatform;

    private CatalogBrandRecognizer(
            List<Brand> brands,
            Map<String, Integer> indexById,
            PhraseIndex<Phrase> textPhrases,
            Map<String, Integer> hashtags,
            Accounts anyPlatform,
            Map<String, Accounts> byPlatform) {
        this.brands = brands;
        this.indexById = indexById;
        this.textPhrases = textPhrases;
        this.hashtags = hashtags;
        this.anyPlatform = anyPlatform;
        this.byPlatform = byPlatform;
    }

    /**
     * The brands' accounts on one platform.
     *
     * @param handles          handle key to the brand index it names
     * @param officialAccounts per brand id, the handle keys of the accounts that speak for it
     * @param brandsOfAccount  per official account's handle key, the brands it speaks for, in catalog order
     */
    private record Accounts(Map<String, Integer> handles, Map<String, Set<String>> officialAccounts,
            Map<String, List<String>> brandsOfAccount) {}

    private Accounts accountsOn(String platform) {
        Accounts own = platform == null ? null : byPlatform.get(platform);
        return own != null ? own : anyPlatform;
    }

    /** Loads the catalog at {@code path}, or the bundled one when {@code path} is null. */
    public static CatalogBrandRecognizer load(String path) {
        return load(CatalogSource.of(path, BUNDLED_CATALOG));
    }

    /** The bundled catalog. */
    public static CatalogBrandRecognizer bundled() {
        return load((String) null);
    }

    static CatalogBrandRecognizer load(CatalogSource source) {
        CatalogFile file = source.readYaml(CatalogFile.class);
        if (file.brands() == null || file.brands().isEmpty()) {
            throw source.invalid("no brands: expected a top-level 'brands:' list with at least one entry");
        }
        return new Builder(source, file).build();
    }

    public List<Brand> brands() {
        return brands;
    }

    /**
     * Per brand, the brands whose competitor set (themselves and their {@code competitors}) it is
     * in, sorted: a window of brand X carries them, so filtering on brand B gives B's set. A brand
     * in no set is absent.
     */
    public Map<String, List<String>> competitorSets() {
        Map<String, TreeSet<String>> sets = new TreeMap<>();
        for (Brand brand : brands) {
            if (!brand.competitors().isEmpty()) {
                sets.computeIfAbsent(brand.id(), id -> new TreeSet<>()).add(brand.id());
                brand.competitors().forEach(competitor -> sets.computeIfAbsent(competitor, id -> new TreeSet<>()).add(brand.id()));
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        sets.forEach((brand, of) -> result.put(brand, List.copyOf(of)));
        return result;
    }

    @Override
    public List<String> recognize(Post post, TokenizedText text) {
        int[] found = new int[4];
        int count = 0;
        List<String> tokens = text.tokens();
        int[] tokenIds = text.ids();
        int size = tokenIds.length;
        List<PhraseAt> pending = null;
        for (int i = 0; i < size; ) {
            PhraseIndex.Match<Phrase> match = textPhrases.longestAt(tokenIds, i);
            if (match == null) {
                i++;
                continue;
            }
            Phrase phrase = match.value();
            if (phrase.ambiguous()) {
                if (pending == null) {
                    pending = new ArrayList<>(2);
                }
                pending.add(new PhraseAt(phrase, i, match.length()));
            } else {
                count = addOnce(found, count, phrase.brand());
                found = grow(found, count);
            }
            i += match.length();
        }
        if (post.mentions() != null) {
            Map<String, Integer> handles = accountsOn(post.platform()).handles();
            for (String mention : post.mentions()) {
                Integer brand = handles.get(handleKey(mention));
                if (brand != null) {
                    count = addOnce(found, count, brand);
                    found = grow(found, count);
                }
            }
        }
        if (post.hashtags() != null) {
            for (String hashtag : post.hashtags()) {
                Integer brand = hashtags.get(isFolded(hashtag) ? hashtag : hashtagKey(hashtag));
                if (brand != null) {
                    count = addOnce(found, count, brand);
                    found = grow(found, count);
                }
            }
        }
        if (pending != null) {
            for (PhraseAt candidate : pending) {
                int brand = candidate.phrase().brand();
                if (!contains(found, count, brand) && candidate.isConfirmed(tokens, post.text())) {
                    count = addOnce(found, count, brand);
                    found = grow(found, count);
                }
            }
        }
        if (count == 0) {
            return List.of();
        }
        Arrays.sort(found, 0, count);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = brands.get(found[i]).id();
        }
        return List.of(ids);
    }

    @Override
    public boolean isOfficialAccount(String platform, String brandId, String handle) {
        if (handle == null || brandId == null) {
            return false;
        }
        // asked per brand of every post: a map of sets, so that no key is built for the question
        Set<String> accounts = accountsOn(platform).officialAccounts().get(brandId);
        return accounts != null && accounts.contains(handleKey(handle));
    }

    @Override
    public List<String> brandsOfAccount(String platform, String handle) {
        if (handle == null) {
            return List.of();
        }
        return accountsOn(platform).brandsOfAccount().getOrDefault(handleKey(handle), List.of());
    }

    @Override
    public String industry(String brandId) {
        Integer index = brandId == null ? null : indexById.get(brandId);
        return index == null ? null : brands.get(index).industry();
    }

    /** Whether the catalog has a brand with this id. */
    public boolean contains(String brandId) {
        return indexById.containsKey(brandId);
    }

    private static boolean contains(int[] found, int count, int brand) {
        for (int i = 0; i < count; i++) {
            if (found[i] == brand) {
                return true;
            }
        }
        return false;
    }

    private static int addOnce(int[] found, int count, int brand) {
        if (contains(found, count, brand)) {
            return count;
        }
        found[count] = brand;
        return count + 1;
    }

    private static int[] grow(int[] found, int count) {
        return count < found.length ? found : Arrays.copyOf(found, found.length * 2);
    }

    static String handleKey(String handle) {
        String key = handle.strip();
        if (key.startsWith("@")) {
            key = key.substring(1);
        }
        return key.toLowerCase(Locale.ROOT);
    }

    /** Whether the key is already in folded form, as the parser writes hashtags: saves folding it again. */
    private static boolean isFolded(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !key.isEmpty();
    }

    static String hashtagKey(String hashtag) {
        return String.join("", TextNormalizer.tokens(hashtag));
    }

    /**
     * What a phrase in text stands for.
     *
     * @param context     folded words that confirm an ambiguous phrase anywhere in the post
     * @param exactForms  spellings that confirm an ambiguous phrase when the text has them
     *                    exactly, case included, as whole words
     */
    record Phrase(int brand, boolean ambiguous, Set<String> context, List<String> exactForms) {}

    /** An ambiguous phrase found at tokens [start, start + length). */
    private record PhraseAt(Phrase phrase, int start, int length) {

        boolean isConfirmed(List<String> tokens, String raw) {
            Set<String> context = phrase.context();
            for (int i = 0; i < tokens.size(); i++) {
                if ((i < start || i >= start + length) && context.contains(tokens.get(i))) {
                    return true;
                }
            }
            for (String form : phrase.exactForms()) {
                if (containsWord(raw, form)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean containsWord(String text, String word) {
            if (text == null) {
                return false;
            }
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                int end = at + word.length();
                if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The file's shape. */
    record CatalogFile(@JsonProperty("industry_context") Map<String, List<String>> industryContext, List<Brand> brands) {

        CatalogFile {
            industryContext = industryContext == null ? Map.of() : Map.copyOf(industryContext);
        }
    }

    /** Checks a catalog and indexes its phrases. */
    private static final class Builder {

        private final CatalogSource source;
        private final CatalogFile file;
        private final List<Brand> brands;
        private final Map<String, Integer> indexById = new HashMap<>();
        private final Map<List<String>, Draft> spelled = new LinkedHashMap<>();
        private final Map<String, Integer> hashtags = new HashMap<>();
        /** The phrases of the brand being read. */
        private final Set<Draft> own = new LinkedHashSet<>();

        Builder(CatalogSource source, CatalogFile file) {
            this.source = source;
            this.file = file;
            this.brands = List.copyOf(file.brands());
        }

        CatalogBrandRecognizer build() {
            for (int i = 0; i < brands.size(); i++) {
                addBrand(i, brands.get(i));
            }
            for (Brand brand : brands) {
                for (String competitor : brand.competitors()) {
                    if (competitor == null || competitor.equals(brand.id()) || !indexById.containsKey(competitor)) {
                        throw source.invalid("brand '" + brand.id() + "': competitor '" + competitor
                                + "' is not another brand of the catalog; list the ids of other brands");
                    }
                }
            }
            Map<List<String>, Integer> variants = variants();
            PhraseIndex.Builder<Phrase> index = PhraseIndex.builder();
            spelled.forEach((tokens, draft) -> index.addTokens(tokens, draft.phrase()));
            variants.forEach((tokens, brand) -> {
                if (brand >= 0) {
                    index.addTokens(tokens, new Phrase(brand, false, Set.of(), List.of()));
                }
            });
            Set<String> platforms = new LinkedHashSet<>();
            brands.forEach(brand -> platforms.addAll(brand.accounts().keySet()));
            Map<String, Accounts> byPlatform = new HashMap<>();
            for (String platform : platforms) {
                byPlatform.put(platform, accounts(platform));
            }
            return new CatalogBrandRecognizer(
                    brands, Map.copyOf(indexById), index.build(), Map.copyOf(hashtags), accounts(null), Map.copyOf(byPlatform));
        }

        /** Every brand's accounts on {@code platform}; null for the platforms no brand lists. */
        private Accounts accounts(String platform) {
            Map<String, Integer> handles = new HashMap<>();
            Map<String, Set<String>> official = new HashMap<>();
            Map<String, List<String>> brandsOfAccount = new HashMap<>();
            String on = platform == null ? "" : " on " + platform;
            for (int i = 0; i < brands.size(); i++) {
                Brand brand = brands.get(i);
                Brand.PlatformAccounts accounts = brand.accountsOn(platform);
                String where = "brand '" + brand.id() + "'" + on;
                for (String handle : concat(accounts.handles(), accounts.officialAccounts())) {
                    claim(handles, handle == null ? "" : handleKey(handle), i, where, "handle");
                }
                Set<String> keys = new HashSet<>();
                for (String account : accounts.officialAccounts()) {
                    keys.add(handleKey(account));
                }
                official.put(brand.id(), Set.copyOf(keys));
                // in catalog order, so that an account shared by two brands lists them as the catalog does
                for (String key : keys) {
                    brandsOfAccount.computeIfAbsent(key, k -> new ArrayList<>(1)).add(brand.id());
                }
            }
            brandsOfAccount.replaceAll((account, ids) -> List.copyOf(ids));
            return new Accounts(Map.copyOf(handles), Map.copyOf(official), Map.copyOf(brandsOfAccount));
        }

        private void addBrand(int i, Brand brand) {
            String where = "brand #" + (i + 1) + (brand.id() == null ? "" : " '" + brand.id() + "'");
            if (brand.id() == null || !ID.matcher(brand.id()).matches()) {
                throw source.invalid(where + ": 'id' must be set and match [a-z0-9_]+");
            }
            if (indexById.putIfAbsent(brand.id(), i) != null) {
                throw source.invalid("duplicate brand id '" + brand.id() + "': ids must be unique");
            }
            if (isBlank(brand.name())) {
                throw source.invalid(where + ": 'name' must be set");
            }
            if (isBlank(brand.industry())) {
                throw source.invalid(where + ": 'industry' must be set, e.g. telco, airline, delivery");
            }
            Set<String> brandContext = new HashSet<>(words(brand.context(), where));
            brandContext.addAll(words(file.industryContext().getOrDefault(brand.industry(), List.of()),
                    "industry_context '" + brand.industry() + "'"));
            own.clear();
            spell(brand.name(), i, where, Alias.of(brand.name()), brandContext);
            for (Alias alias : brand.aliases()) {
                if (alias == null) {
                    throw source.invalid(where + ": empty alias");
                }
                spell(alias.name(), i, where, alias, brandContext);
            }
            for (String misspelling : brand.misspellings()) {
                spell(misspelling, i, where, Alias.of(misspelling), brandContext);
            }
            // '@' and '#' go through the normaliser too, so that a catalog handle folds the
            // way the same handle folds in a post, however the normaliser treats them
            for (String handle : brand.handles()) {
                spell(handle, i, where, null, brandContext);
                spell("@" + handleKey(handle), i, where, null, brandContext);
            }
            for (String hashtag : brand.hashtags()) {
                spell(hashtag, i, where, null, brandContext);
                spell("#" + hashtag.strip().replaceFirst("^#", ""), i, where, null, brandContext);
            }
            for (String hashtag : brand.hashtags()) {
                claim(hashtags, hashtag == null ? "" : hashtagKey(hashtag), i, where, "hashtag");
            }
            for (Draft draft : own) {
                if (draft.ambiguous && draft.context.isEmpty() && draft.exactForms.isEmpty()
                        && brand.handles().isEmpty() && brand.hashtags().isEmpty()) {
                    throw source.invalid(where + ": ambiguous alias '" + draft.spelling + "' can never be confirmed;"
                            + " give the brand context words, a handle or a hashtag, or make the alias case_sensitive");
                }
            }
        }

        /** @param alias how the catalog gives a name, alias or misspelling; null for a handle or hashtag */
        private void spell(String spelling, int brand, String where, Alias alias, Set<String> brandContext) {
            if (isBlank(spelling)) {
                throw source.invalid(where + ": empty name, alias, misspelling, handle or hashtag");
            }
            List<String> tokens = TextNormalizer.tokens(spelling);
            if (tokens.isEmpty()) {
                throw source.invalid(where + ": '" + spelling + "' has no letters or digits");
            }
            Draft draft = spelled.computeIfAbsent(tokens, t -> new Draft(brand, spelling));
            if (draft.brand != brand) {
                throw source.invalid(where + ": '" + spelling + "' already names brand '"
                        + brands.get(draft.brand).id() + "'; a phrase may name one brand only");
            }
            own.add(draft);
            draft.isName |= alias != null;
            if (alias != null && alias.ambiguous()) {
                draft.ambiguous = true;
                draft.context.addAll(brandContext);
                draft.context.addAll(words(alias.context(), where + " alias '" + spelling + "'"));
                if (alias.caseSensitive()) {
                    draft.exactForms.add(spelling.strip());
                }
            }
        }

        /**
         * Derived spellings of every unambiguous phrase, each with its brand, or -1 where two
         * brands would share it; spelled-out phrases win over any variant.
         */
        private Map<List<String>, Integer> variants() {
            Map<List<String>, Integer> variants = new HashMap<>();
            for (Draft draft : spelled.values()) {
                if (draft.ambiguous) {
                    continue;
                }
                for (List<String> variant : SpellingVariants.of(draft.spelling, draft.isName)) {
                    if (spelled.containsKey(variant)) {
                        continue;
                    }
                    Integer owner = variants.putIfAbsent(variant, draft.brand);
                    if (owner != null && owner != draft.brand) {
                        variants.put(variant, -1);
                    }
                }
            }
            return variants;
        }

        private Set<String> words(List<String> words, String where) {
            Set<String> folded = new HashSet<>();
            for (String word : words) {
                List<String> tokens = TextNormalizer.tokens(word);
                if (tokens.size() != 1) {
                    throw source.invalid(where + ": context word '" + word + "' must be one word");
                }
                folded.add(tokens.get(0));
            }
            return folded;
        }

        private void claim(Map<String, Integer> keys, String key, int brand, String where, String kind) {
            if (key.isEmpty()) {
                throw source.invalid(where + ": empty " + kind);
            }
            Integer owner = keys.putIfAbsent(key, brand);
            if (owner != null && owner != brand) {
                throw source.invalid(where + ": " + kind + " '" + key + "' already belongs to brand '"
                        + brands.get(owner).id() + "'");
            }
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** A spelled-out phrase while the catalog is read: ambiguous if any of its spellings is. */
    private static final class Draft {

        final int brand;
        final String spelling;
        boolean ambiguous;
        /** Spelled as a name, alias or misspelling, not only as a handle or hashtag. */
        boolean isName;
        final Set<String> context = new HashSet<>();
        final Set<String> exactForms = new LinkedHashSet<>();

        Draft(int brand, String spelling) {
            this.brand = brand;
            this.spelling = spelling;
        }

        Phrase phrase() {
            return ambiguous
                    ? new Phrase(brand, true, Set.copyOf(context), List.copyOf(exactForms))
                    : new Phrase(brand, false, Set.of(), List.of());
        }
    }
}
