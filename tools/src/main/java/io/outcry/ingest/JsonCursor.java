package io.outcry.ingest;

import io.outcry.post.Author;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader over the bytes of one JSON record, for the adapters. Platforms send
 * 3-6 KB per post of which Outcry reads a tenth: values it does not read are skipped by
 * matching brackets and quotes, several times faster than tokenizing them as a general parser
 * (Jackson) must, which is what makes 100,000 posts/s on one thread reachable. The price: a
 * skipped value is not validated. What is read is checked strictly, and a record that ends
 * early or breaks the structure is refused with the byte offset.
 *
 * <p>Field paths in error messages come in two parts, joined only when an error is raised, so
 * that reading a valid record builds no string it does not return.
 */
final class JsonCursor {

    private final byte[] bytes;
    private final int offset;
    private final int end;
    private int at;
    private int nameStart;
    private int nameLength;

    JsonCursor(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.at = offset;
        this.end = offset + length;
    }

    /** Enters the record's top-level object; false when the record is something else. */
    boolean startObject() {
        skipSpace();
        if (at < end && bytes[at] == '{') {
            at++;
            return true;
        }
        return false;
    }

    /** What the next value is, for a message: "an array", "nothing", ... */
    String describeNext() {
        skipSpace();
        return at >= end ? "nothing" : describe(bytes[at]);
    }

    /** Whether the next value starts with {@code c}, e.g. '[' for an array. */
    boolean nextIs(char c) {
        return peek() == c;
    }

    /** Whether only white space is left. */
    boolean atEnd() {
        skipSpace();
        return at >= end;
    }

    /**
     * Moves to the next field of the object the cursor is in, past its name and colon; false at
     * the object's end, which it consumes.
     */
    boolean nextField() {
        if (closes('}')) {
            return false;
        }
        if (bytes[at] != '"') {
            throw broken("a field name");
        }
        nameStart = ++at;
        skipStringRest();
        nameLength = at - 1 - nameStart;
        skipSpace();
        if (at >= end || bytes[at] != ':') {
            throw broken("':' after a field name");
        }
        at++;
        return true;
    }

    /** Whether the current field is called {@code name} (compared as written, escapes and all). */
    boolean is(String name) {
        if (name.length() != nameLength) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (bytes[nameStart + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current field's name. */
    String name() {
        return new String(bytes, nameStart, nameLength, StandardCharsets.UTF_8);
    }

    /** Moves to the next element of the array the cursor is in; false at the array's end, which it consumes. */
    boolean nextElement() {
        return !closes(']');
    }

    /** Steps over white space and a separating comma; consumes {@code bracket} and says so when it comes next. */
    private boolean closes(char bracket) {
        skipSpace();
        if (at < end && bytes[at] == ',') {
            at++;
            skipSpace();
        }
        if (at >= end) {
            throw endsEarly();
        }
        if (bytes[at] == bracket) {
            at++;
            return true;
        }
        return false;
    }

    /** Enters the next element of the array, which must be an object; false at the array's end. */
    boolean nextObject(String path, String field) {
        if (!nextElement()) {
            return false;
        }
        if (!object(path, field)) {
            throw new Unmappable(path + field + " must hold objects, found null");
        }
        return true;
    }

    /** The string value, or null for JSON null. */
    String string(String path, String field) {
        byte c = peek();
        if (c == '"') {
            return readString();
        }
        if (c == 'n') {
            literal("null");
            return null;
        }
        throw wrongType(path, field, "a string");
    }

    /** An id given as a string or a whole number (v1.1's {@code id}), as a string; null for JSON null. */
    String id(String path, String field) {
        byte c = peek();
        if (c == '"' || c == 'n') {
            return string(path, field);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = at;
            readWholeNumber(path, field);
            return new String(bytes, start, at - start, StandardCharsets.ISO_8859_1);
        }
        throw wrongType(path, field, "an id");
    }

    /** A follower count: {@link Author#UNKNOWN_FOLLOWERS} for JSON null, never negative or past {@link Author#MAX_FOLLOWERS}. */
    long followers(String path, String field) {
        if (peek() == 'n') {
            literal("null");
            return Author.UNKNOWN_FOLLOWERS;
        }
        long followers = wholeNumber(path, field);
        if (followers < 0) {
            throw new Unmappable(path + field + " is " + followers + "; a follower count cannot be negative");
        }
        if (followers > Author.MAX_FOLLOWERS) {
            throw new Unmappable(path + field + " is " + followers + ", more people than there are");
        }
        return followers;
    }

    /** A whole number; 0 for JSON null. */
    long wholeNumber(String path, String field) {
        byte c = peek();
        if (c == 'n') {
            literal("null");
            return 0;
        }
        if (c != '-' && (c < '0' || c > '9')) {
            throw wrongType(path, field, "a whole number");
        }
        return readWholeNumber(path, field);
    }

    double number(String path, String field) {
        byte c = peek();
        if (c != '-' && (c < '0' || c > '9')) {
            throw wrongType(path, field, "a number");
        }
        int start = at;
        while (at < end && isNumberByte(bytes[at])) {
            at++;
        }
        String text = new String(bytes, start, at - start, StandardCharsets.ISO_8859_1);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Unmappable(path + field + " '" + text + "' is not a number");
        }
    }

    /** true or false; false for JSON null. */
    boolean bool(String path, String field) {
        byte c = peek();
        if (c == 't') {
            literal("true");
            return true;
        }
        if (c == 'f') {
            literal("false");
            return false;
        }
        if (c == 'n') {
            literal("null");
            return false;
        }
        throw wrongType(path, field, "true or false");
    }

    /** Enters an object value; false for JSON null, which stands for an absent object. */
    boolean object(String path, String field) {
        return open((byte) '{', path, field, "an object");
    }

    /** Enters an array value; false for JSON null. */
    boolean array(String path, String field) {
        return open((byte) '[', path, field, "an array");
    }

    /** Skips the value at the cursor, nested objects and arrays whole. */
    void skip() {
        byte c = peek();
        if (c == '"') {
            at++;
            skipStringRest();
        } else if (c == '{' || c == '[') {
            at++;
            skipRest();
        } else {
            int start = at;
            while (at < end && bytes[at] != ',' && bytes[at] != '}' && bytes[at] != ']' && bytes[at] > ' ') {
                at++;
            }
            if (at == start) {
                throw broken("a value");
            }
        }
    }

    /** Skips the rest of the object or array the cursor is in, past its closing bracket. */
    void skipRest() {
        int depth = 1;
        while (depth > 0) {
            if (at >= end) {
                throw endsEarly();
            }
            byte c = bytes[at++];
            if (c == '"') {
                skipStringRest();
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /**
     * The centre of the bounding box of every (lon, lat) pair in the array the cursor has just
     * entered: a GeoJSON polygon's rings {@code [[[lon, lat], ...]]} or a flat
     * {@code [west, south, east, north]} bbox. Returns {lat, lon}, or null when there is no pair.
     */
    double[] boxCentre(String path, String field) {
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        int depth = 1;
        int numbers = 0;
        double lon = 0;
        while (depth > 0) {
            if (!nextElement()) {
                depth--;
                continue;
            }
            byte c = peek();
            if (c == '[') {
                at++;
                depth++;
                numbers = 0;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                double value = number(path, field);
                if (numbers++ % 2 == 0) {
                    lon = value;
                } else {
                    minLon = Math.min(minLon, lon);
                    maxLon = Math.max(maxLon, lon);
                    minLat = Math.min(minLat, value);
                    maxLat = Math.max(maxLat, value);
                }
            } else {
                throw new Unmappable(path + field + " must hold only [lon, lat] number pairs, found " + describe(c));
            }
        }
        return minLon > maxLon ? null : new double[] {(minLat + maxLat) / 2, (minLon + maxLon) / 2};
    }

    private boolean open(byte bracket, String path, String field, String expected) {
        byte c = peek();
        if (c == bracket) {
            at++;
            return true;
        }
        if (c == 'n') {
            literal("null");
            return false;
        }
        throw wrongType(path, field, expected);
    }

    private byte peek() {
        skipSpace();
        if (at >= end) {
            throw endsEarly();
        }
        return bytes[at];
    }

    private void skipSpace() {
        while (at < end && (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\r' || bytes[at] == '\n')) {
            at++;
        }
    }

    private void literal(String word) {
        if (at + word.length() > end) {
            throw endsEarly();
        }
        for (int i = 0; i < word.length(); i++) {
            if (bytes[at + i] != word.charAt(i)) {
                throw broken("'" + word + "'");
            }
        }
        at += word.length();
    }

    private long readWholeNumber(String path, String field) {
        int start = at;
        boolean negative = bytes[at] == '-';
        if (negative) {
            at++;
        }
        long value = 0;
        int digits = 0;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            value = value * 10 + (bytes[at++] - '0');
            digits++;
        }
        // Nineteen digits can pass Long.MAX_VALUE; below 10^19 an overflow always wraps negative.
        if (digits == 0 || digits > 19 || value < 0 || (at < end && isNumberByte(bytes[at]))) {
            while (at < end && isNumberByte(bytes[at])) {
                at++;
            }
            throw new Unmappable(path + field + " must be a whole number, got "
                    + new String(bytes, start, at - start, StandardCharsets.ISO_8859_1));
        }
        return negative ? -value : value;
    }

    private static boolean isNumberByte(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    /** Reads a string value starting at its opening quote, decoding escapes. */
    private String readString() {
        int start = ++at;
        boolean escaped = false;
        while (true) {
            if (at >= end) {
                throw endsEarly();
            }
            byte c = bytes[at];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                at++;
            }
            at++;
        }
        int stop = at++;
        return escaped ? unescape(start, stop) : new String(bytes, start, stop - start, StandardCharsets.UTF_8);
    }

    private String unescape(int start, int stop) {
        StringBuilder text = new StringBuilder(stop - start);
        int run = start;
        int i = start;
        while (i < stop) {
            if (bytes[i] != '\\') {
                i++;
                continue;
            }
            text.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
            byte escape = bytes[i + 1];
            switch (escape) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case '"', '\\', '/' -> text.append((char) escape);
                case 'u' -> {
                    text.append(hexChar(i + 2, stop));
                    i += 4;
                }
                default -> {
                    at = i;
                    throw broken("a JSON escape");
                }
            }
            i += 2;
            run = i;
        }
        text.append(new String(bytes, run, stop - run, StandardCharsets.UTF_8));
        return text.toString();
    }

    private char hexChar(int from, int stop) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = i < stop ? Character.digit(bytes[i], 16) : -1;
            if (digit < 0) {
                at = from;
                throw broken("four hex digits after \\u");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    /** Moves past the closing quote of a string whose opening quote is behind the cursor. */
    private void skipStringRest() {
        while (true) {
            if (at >= end) {
                throw endsEarly();
            }
            byte c = bytes[at++];
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                at++;
            }
        }
    }

    private Unmappable wrongType(String path, String field, String expected) {
        return new Unmappable(path + field + " must be " + expected + ", got " + describe(bytes[at]));
    }

    private static String describe(byte c) {
        return switch (c) {
            case '{' -> "an object";
            case '[' -> "an array";
            case '"' -> "a string";
            case 't', 'f' -> "a boolean";
            case 'n' -> "null";
            default -> c == '-' || (c >= '0' && c <= '9') ? "a number" : "'" + (char) c + "'";
        };
    }

    private Unmappable endsEarly() {
        return new Unmappable("not valid JSON: the record ends early, at byte " + (at - offset) + " (cut off?)");
    }

    private Unmappable broken(String expected) {
        return new Unmappable("not valid JSON: expected " + expected + " at byte " + (at - offset) + ", found "
                + (at < end ? describe(bytes[at]) : "the end"));
    }
}
