package io.outcry.csv;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a UTF-8 CSV stream record by record, keeping each record's original bytes so that a
 * record nobody can use is dead-lettered as it was written.
 *
 * <p>The dialect is what exports in the wild hold: RFC 4180 quoting (fields in double quotes
 * may hold commas, doubled quotes and raw line breaks), LF or CRLF line endings, an optional
 * UTF-8 byte order mark, a quote inside an unquoted field kept as data (as spreadsheets write
 * it), and a bare CR inside an unquoted field kept as data rather than ending the record
 * (exported tweets hold some; a reader that splits there cuts one record in two and shifts
 * every column of both halves). Blank lines hold no record and are skipped.
 *
 * <p>The splitting works on bytes: every delimiter is ASCII and no byte of a multi-byte UTF-8
 * sequence is below 0x80, so a record's fields are decoded only once it is complete, and one
 * record that is not UTF-8 does not stop the others being read.
 */
public final class CsvReader implements Closeable {

    private static final int END = -1;

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream field = new ByteArrayOutputStream(256);
    private final List<byte[]> fields = new ArrayList<>();
    private long line = 1;
    private boolean started;
    /** One byte of look-ahead, for doubled quotes and CRLF. */
    private int pushedBack = -2;

    public CsvReader(InputStream in) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
    }

    /** The next record, or null at the end of the stream. */
    public CsvRecord next() throws IOException {
        while (true) {
            raw.reset();
            field.reset();
            fields.clear();
            long firstLine = line;
            boolean quoted = false;
            boolean fieldStarted = false;
            long quoteLine = 0;
            int c;
            while ((c = read()) != END) {
                if (quoted) {
                    raw.write(c);
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            raw.write(next);
                            field.write('"');
                        } else {
                            quoted = false;
                            unread(next);
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.write(c);
                    }
                    continue;
                }
                if (c == '\r') {
                    int next = read();
                    if (next != '\n' && next != END) {
                        unread(next);
                        raw.write(c);
                        field.write(c);
                        fieldStarted = true;
                        continue;
                    }
                    c = '\n';
                }
                if (c == '\n') {
                    line++;
                    break;
                }
                raw.write(c);
                switch (c) {
                    case '"' -> {
                        if (fieldStarted) {
                            field.write('"');
                        } else {
                            quoted = true;
                            fieldStarted = true;
                            quoteLine = line;
                        }
                    }
                    case ',' -> {
                        endField();
                        fieldStarted = false;
                    }
                    default -> {
                        field.write(c);
                        fieldStarted = true;
                    }
                }
            }
            if (c == END && raw.size() == 0 && fields.isEmpty()) {
                return null;
            }
            if (raw.size() == 0) {
                continue;
            }
            byte[] bytes = raw.toByteArray();
            if (quoted) {
                return new CsvRecord(firstLine, bytes, List.of(), "the quoted field opened on line " + quoteLine
                        + " is never closed; close it with a double quote (a quote inside a field is written twice)");
            }
            endField();
            return decoded(firstLine, bytes);
        }
    }

    private CsvRecord decoded(long firstLine, byte[] bytes) {
        List<String> decoded = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            try {
                decoded.add(utf8.decode(ByteBuffer.wrap(fields.get(i))).toString());
            } catch (CharacterCodingException e) {
                return new CsvRecord(firstLine, bytes, List.of(), "field " + (i + 1)
                        + " is not valid UTF-8; save the file as UTF-8");
            }
        }
        return new CsvRecord(firstLine, bytes, decoded, null);
    }

    private void endField() {
        fields.add(field.toByteArray());
        field.reset();
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            // a UTF-8 byte order mark, as spreadsheet programs write one
            if (c == 0xEF) {
                in.mark(2);
                if (in.read() == 0xBB && in.read() == 0xBF) {
                    return in.read();
                }
                in.reset();
            }
        }
        return c;
    }

    private void unread(int c) {
        if (c != END) {
            pushedBack = c;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
