package io.outcry.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads the value after a field name from a streaming parser, checking its type. The adapters
 * stream instead of building a tree: a v1.1 status is 3-6 KB of which Outcry uses a tenth, and
 * skipping the rest without allocating is what makes 100,000 posts/s on one thread possible.
 */
final class JsonValues {

    private JsonValues() {}

    /** The string value, or null for JSON null. */
    static String string(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, field, "a string");
    }

    /** An id given as a string or a whole number (v1.1's {@code id}), as a string; null for JSON null. */
    static String id(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, field, "an id");
    }

    static long wholeNumber(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw wrongType(p, field, "a whole number");
    }

    static double number(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw wrongType(p, field, "a number");
    }

    static boolean bool(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, field, "true or false");
    }

    /** Moves onto the value's opening token; false for JSON null, which stands for an absent object. */
    static boolean object(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, field, "an object");
    }

    static boolean array(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.START_ARRAY) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, field, "an array");
    }

    /** Skips the value after the current field name, nested objects and arrays whole. */
    static void skip(JsonParser p) throws IOException {
        p.nextToken();
        p.skipChildren();
    }

    /**
     * The centre of the bounding box of every (lon, lat) pair in the array the parser is on: a
     * GeoJSON polygon's rings {@code [[[lon, lat], ...]]} or a flat {@code [west, south, east, north]}
     * bbox. Returns {lat, lon}, or null when the array holds no pair.
     */
    static double[] boxCentre(JsonParser p, String field) throws IOException {
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        int depth = 1;
        int numbers = 0;
        double lon = 0;
        while (depth > 0) {
            JsonToken token = p.nextToken();
            if (token == null) {
                throw new Unmappable(field + " ends early");
            }
            switch (token) {
                case START_ARRAY -> {
                    depth++;
                    numbers = 0;
                }
                case END_ARRAY -> depth--;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (numbers++ % 2 == 0) {
                        lon = p.getDoubleValue();
                    } else {
                        double lat = p.getDoubleValue();
                        minLon = Math.min(minLon, lon);
                        maxLon = Math.max(maxLon, lon);
                        minLat = Math.min(minLat, lat);
                        maxLat = Math.max(maxLat, lat);
                    }
                }
                default -> throw new Unmappable(field + " must hold only [lon, lat] number pairs, found " + token.asString());
            }
        }
        return minLon > maxLon ? null : new double[] {(minLat + maxLat) / 2, (minLon + maxLon) / 2};
    }

    private static Unmappable wrongType(JsonParser p, String field, String expected) {
        JsonToken token = p.currentToken();
        String found = token == null ? "nothing" : switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
        return new Unmappable(field + " must be " + expected + ", got " + found);
    }
}
