package io.outcry.enrich;

import io.outcry.post.Post;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the brands of a YAML catalog. A brand is named when its name, an alias, a
 * handle or a hashtag appears in the text as whole words (case and accents ignored), when
 * the post mentions one of its handles or official accounts, or carries one of its hashtags.
 *
 * <p>Catalog format ({@code catalog/brands.yaml} is the bundled one):
 * <pre>
 * brands:
 *   - id: tim                      # [a-z0-9_]+, unique
 *     name: TIM
 *     industry: telco
 *     aliases: [Telecom Italia]
 *     handles: [tim_official]
 *     hashtags: [tim]
 *     official_accounts: [tim_official, timcare]
 * </pre>
 * A phrase may name one brand only: two brands sharing an alias is a catalog error.
 */
public final class CatalogBrandRecognizer implements BrandRecognizer {

    public static final String BUNDLED_CATALOG = "catalog/brands.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    private final List<Brand> brands;
    private final Map<String, Integer> indexById;
    private final PhraseIndex<Integer> textPhrases;
    private final Map<String, Integer> handles;
    private final Map<String, Integer> hashtags;
    private final Set<String> officialAccounts;

    private CatalogBrandRecognizer(
            List<Brand> brands,
            Map<String, Integer> indexById,
            PhraseIndex<Integer> textPhrases,
            Map<String, Integer> handles,
            Map<String, Integer> hashtags,
            Set<String> officialAccounts) {
        this.brands = brands;
        this.indexById = indexById;
        this.textPhrases = textPhrases;
        this.handles = handles;
        this.hashtags = hashtags;
        this.officialAccounts = officialAccounts;
    }

    /** Loads the catalog at {@code path}, or the bundled one when {@code path} is null. */
    public static CatalogBrandRecognizer load(String path) {
        return load(CatalogSource.of(path, BUNDLED_CATALOG));
    }

    static CatalogBrandRecognizer load(CatalogSource source) {
        CatalogFile file = source.readYaml(CatalogFile.class);
        if (file.brands() == null || file.brands().isEmpty()) {
            throw source.invalid("no brands: expected a top-level 'brands:' list with at least one entry");
        }
        List<Brand> brands = List.copyOf(file.brands());
        Map<String, Integer> indexById = new HashMap<>();
        PhraseIndex.Builder<Integer> textPhrases = PhraseIndex.builder();
        Map<String, Integer> handles = new HashMap<>();
        Map<String, Integer> hashtags = new HashMap<>();
        Set<String> officialAccounts = new HashSet<>();
        for (int i = 0; i < brands.size(); i++) {
            Brand brand = brands.get(i);
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
            List<String> phrases = new ArrayList<>();
            phrases.add(brand.name());
            phrases.addAll(brand.aliases());
            phrases.addAll(brand.handles());
            phrases.addAll(brand.hashtags());
            for (String phrase : phrases) {
                addPhrase(source, brands, textPhrases, phrase, i, where);
            }
            for (String handle : concat(brand.handles(), brand.officialAccounts())) {
                claim(source, brands, handles, handleKey(handle), i, where, "handle");
            }
            for (String account : brand.officialAccounts()) {
                officialAccounts.add(brand.id() + '\n' + handleKey(account));
            }
            for (String hashtag : brand.hashtags()) {
                claim(source, brands, hashtags, hashtagKey(hashtag), i, where, "hashtag");
            }
        }
        return new CatalogBrandRecognizer(
                brands, Map.copyOf(indexById), textPhrases.build(), Map.copyOf(handles), Map.copyOf(hashtags),
                Set.copyOf(officialAccounts));
    }

    public List<Brand> brands() {
        return brands;
    }

    @Override
    public List<String> recognize(Post post, TokenizedText text) {
        int[] found = new int[4];
        int count = 0;
        List<String> tokens = text.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            PhraseIndex.Match<Integer> match = textPhrases.longestAt(tokens, i);
            if (match != null) {
                count = addOnce(found, count, match.value());
                found = grow(found, count);
            }
        }
        if (post.mentions() != null) {
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
                Integer brand = hashtags.get(hashtagKey(hashtag));
                if (brand != null) {
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
    public boolean isOfficialAccount(String brandId, String handle) {
        return handle != null && brandId != null && officialAccounts.contains(brandId + '\n' + handleKey(handle));
    }

    /** Whether the catalog has a brand with this id. */
    public boolean contains(String brandId) {
        return indexById.containsKey(brandId);
    }

    private static int addOnce(int[] found, int count, int brand) {
        for (int i = 0; i < count; i++) {
            if (found[i] == brand) {
                return count;
            }
        }
        found[count] = brand;
        return count + 1;
    }

    private static int[] grow(int[] found, int count) {
        return count < found.length ? found : Arrays.copyOf(found, found.length * 2);
    }

    private static void addPhrase(
            CatalogSource source, List<Brand> brands, PhraseIndex.Builder<Integer> index, String phrase, int brand,
            String where) {
        if (isBlank(phrase)) {
            throw source.invalid(where + ": empty name, alias, handle or hashtag");
        }
        Integer owner;
        try {
            owner = index.add(phrase, brand);
        } catch (IllegalArgumentException e) {
            throw source.invalid(where + ": " + e.getMessage());
        }
        if (owner != null && owner != brand) {
            throw source.invalid(where + ": '" + phrase + "' already names brand '" + brands.get(owner).id()
                    + "'; a phrase may name one brand only");
        }
    }

    private static void claim(
            CatalogSource source, List<Brand> brands, Map<String, Integer> keys, String key, int brand, String where,
            String kind) {
        if (key.isEmpty()) {
            throw source.invalid(where + ": empty " + kind);
        }
        Integer owner = keys.putIfAbsent(key, brand);
        if (owner != null && owner != brand) {
            throw source.invalid(where + ": " + kind + " '" + key + "' already belongs to brand '"
                    + brands.get(owner).id() + "'");
        }
    }

    static String handleKey(String handle) {
        String key = handle.strip();
        if (key.startsWith("@")) {
            key = key.substring(1);
        }
        return key.toLowerCase(Locale.ROOT);
    }

    static String hashtagKey(String hashtag) {
        return String.join("", TextNormalizer.tokens(hashtag));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The file's shape: one top-level key. */
    record CatalogFile(List<Brand> brands) {}
}
