package io.outcry.enrich;

import java.util.Locale;

/** What a post wants. Outage zones and care metrics read {@link #QUESTION} and {@link #RESTORED}. */
public enum Intent {
    /** Unhappy with a brand's product or service. */
    COMPLAINT,
    /** Asks something and needs an answer. */
    QUESTION,
    /** Happy with a brand. */
    PRAISE,
    /** Says a service works again ("funziona di nuovo", "back up"). */
    RESTORED,
    /** None of the above. */
    OTHER;

    /** Lower-case name, as it appears in documents and YAML. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
