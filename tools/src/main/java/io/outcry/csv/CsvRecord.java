package io.outcry.csv;

import java.util.List;

/**
 * One CSV record as it was written.
 *
 * @param line    the file line the record starts on, 1-based (line breaks inside quoted fields count,
 *                a bare CR does not)
 * @param raw     the record's bytes without its line ending, exactly as in the file
 * @param fields  the decoded fields; empty when {@code problem} is set
 * @param problem why the record has no fields (not UTF-8, a quote never closed), or null
 */
public record CsvRecord(long line, byte[] raw, List<String> fields, String problem) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }

    public boolean readable() {
        return problem == null;
    }
}
