package io.outcry.enrich;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of the brand catalog ({@code catalog/brands.yaml}).
 *
 * @param id               stable id used in every output, {@code [a-z0-9_]+}, e.g. {@code ita_airways}
 * @param name             display name, also matched in text
 * @param industry         e.g. {@code telco}, {@code airline}, {@code delivery}
 * @param aliases          other names matched in text, e.g. {@code Telecom Italia}; an alias
 *                         marked ambiguous ("Tre", "TIM") names the brand only when the post
 *                         confirms it
 * @param misspellings     how people get the name wrong ("Vodafon"), matched like aliases
 * @param handles          the brand's accounts, matched against mentions and in text
 * @param hashtags         matched against hashtags and in text, without '#'
 * @param officialAccounts handles of the brand's own (care) accounts, whose posts are the
 *                         brand speaking; they count as handles too
 * @param context          words that confirm any of the brand's ambiguous aliases when they
 *                         occur in the same post, added to those of its industry
 * @param accounts         per platform ({@code twitter}, {@code bluesky}, {@code mastodon}, as posts
 *                         name it), the brand's handles and official accounts there, in place of
 *                         {@code handles} and {@code official_accounts}, which hold on every
 *                         platform not listed (so a catalog without it works as before)
 * @param competitors      brand ids of the catalog this brand competes with: with it, its
 *                         competitor set, whose share of voice the boards compare
 */
public record Brand(
        String id,
        String name,
        String industry,
        List<Alias> aliases,
        List<String> misspellings,
        List<String> handles,
        List<String> hashtags,
        @JsonProperty("official_accounts") List<String> officialAccounts,
        List<String> context,
        Map<String, PlatformAccounts> accounts,
        List<String> competitors) {

    /**
     * A brand's accounts on one platform, written as the platform's mentions write them:
     * {@code name.bsky.social} on Bluesky, {@code user@instance} on Mastodon.
     */
    public record PlatformAccounts(List<String> handles, @JsonProperty("official_accounts") List<String> officialAccounts) {

        public PlatformAccounts {
            handles = handles == null ? List.of() : List.copyOf(handles);
            officialAccounts = officialAccounts == null ? List.of() : List.copyOf(officialAccounts);
        }
    }

    public Brand {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        competitors = competitors == null ? List.of() : List.copyOf(competitors);
        misspellings = misspellings == null ? List.of() : List.copyOf(misspellings);
        handles = handles == null ? List.of() : List.copyOf(handles);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        officialAccounts = officialAccounts == null ? List.of() : List.copyOf(officialAccounts);
        context = context == null ? List.of() : List.copyOf(context);
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /** The brand's handles and official accounts on {@code platform}. */
    public PlatformAccounts accountsOn(String platform) {
        PlatformAccounts own = platform == null ? null : accounts.get(platform);
        return own != null ? own : new PlatformAccounts(handles, officialAccounts);
    }
}
