package io.outcry.enrich;

import io.outcry.text.TokenizedText;

/** Tells which language a post is written in. */
public interface LanguageIdentifier {

    /** What a text in no language we can tell gets. */
    String UNDETERMINED = "und";

    /**
     * @param declared the language the platform declares (ISO 639-1), or null
     * @return ISO 639-1 code such as {@code it} or {@code en}, or {@link #UNDETERMINED}
     */
    String identify(TokenizedText text, String declared);
}
