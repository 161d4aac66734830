package io.outcry.learn;

/** A CSV file, or a column mapping over one, that cannot be read as asked. */
public final class CsvException extends RuntimeException {

    public CsvException(String message) {
        super(message);
    }
}
