package io.outcry.enrich;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Another name of a brand. In the catalog a plain string is an unambiguous alias; the map
 * form describes one that is also an ordinary word:
 * <pre>
 * aliases:
 *   - Telecom Italia
 *   - {name: Tre, ambiguous: true, context: [ricarica]}
 *   - {name: TIM, ambiguous: true, case_sensitive: true}
 * </pre>
 *
 * @param name          the phrase matched in text, as whole words, case and accents ignored
 * @param ambiguous     whether the phrase names the brand only when the post confirms it: a
 *                      mention or hashtag of the brand, or a context word of the alias, of
 *                      the brand or of its industry anywhere in the post
 * @param context       words that confirm this alias besides the brand's and industry's
 * @param caseSensitive whether the phrase written exactly as here ("TIM", not "Tim")
 *                      confirms itself
 */
public record Alias(String name, boolean ambiguous, List<String> context, boolean caseSensitive) {

    public Alias {
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** The catalog's map form; absent flags are false. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Alias read(
            @JsonProperty("name") String name,
            @JsonProperty("ambiguous") Boolean ambiguous,
            @JsonProperty("context") List<String> context,
            @JsonProperty("case_sensitive") Boolean caseSensitive) {
        return new Alias(name, Boolean.TRUE.equals(ambiguous), context, Boolean.TRUE.equals(caseSensitive));
    }

    /** A plain, unambiguous alias: the catalog's string form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Alias of(String name) {
        return new Alias(name, false, List.of(), false);
    }
}
