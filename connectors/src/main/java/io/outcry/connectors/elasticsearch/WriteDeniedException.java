package io.outcry.connectors.elasticsearch;

import java.io.IOException;

/**
 * Elasticsearch will not let the sink write where it must: bad credentials, a missing
 * privilege, a missing index or alias, or a request it refuses whatever is in it. The message
 * is one line naming the index and what is missing; the sink stops the job with it, without
 * restarts, because every restart would be refused alike.
 */
public final class WriteDeniedException extends IOException {

    WriteDeniedException(String message) {
        super(message);
    }

    /** The line for a document, or a whole request, refused with this status on this index. */
    static WriteDeniedException of(String index, int status, String error) {
        String detail = " (HTTP " + status + ": " + oneLine(error) + ")";
        return new WriteDeniedException(switch (status) {
            case 401 -> "Elasticsearch refused the sink's credentials writing to index '" + index + "'" + detail
                    + ". Check the user or API key the sink connects with; the job stops instead of restarting";
            case 403 -> "The sink's Elasticsearch user lacks the index privilege 'index' (or 'write') on '" + index + "'"
                    + detail + ". Grant it on '" + index + "'; the job stops instead of restarting";
            case 404 -> "Index or alias '" + index + "' does not exist and Elasticsearch will not create it" + detail
                    + ". Create it, or allow automatic index creation for it; the job stops instead of restarting";
            default -> "Elasticsearch refused a bulk request for index '" + index + "'" + detail
                    + ". Retrying will not help: check the sink's URL and the cluster's settings; the job stops"
                    + " instead of restarting";
        });
    }

    private static String oneLine(String text) {
        return text == null ? "no reason given" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
