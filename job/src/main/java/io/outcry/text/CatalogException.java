package io.outcry.text;

/** A catalog, taxonomy or lexicon cannot be loaded; the message names the file and the fix. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
