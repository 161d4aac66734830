package io.outcry.enrich;

import io.outcry.text.CatalogException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a catalog comes from: a file the user edits, or the copy bundled in the jar. Reads
 * YAML strictly (unknown keys, missing required values and wrong types fail) and names the
 * source in every error, so a typo in a catalog stops the job at start-up with a message
 * that says which file and what to fix.
 *
 * @param description the file path or {@code classpath:<resource>}, used in messages
 * @param file        the file, or null for a bundled resource
 * @param resource    the classpath resource, or null for a file
 */
record CatalogSource(String description, Path file, String resource) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** The file at {@code path} when given, else the bundled {@code resource}. */
    static CatalogSource of(String path, String resource) {
        return path == null
                ? new CatalogSource("classpath:" + resource, null, resource)
                : new CatalogSource(path, Path.of(path), null);
    }

    InputStream open() throws IOException {
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new CatalogException(description + ": file not found or not readable");
            }
            return Files.newInputStream(file);
        }
        InputStream in = CatalogSource.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new CatalogException(description + ": resource missing from the classpath (broken build?)");
        }
        return in;
    }

    <T> T readYaml(Class<T> type) {
        try (InputStream in = open()) {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new CatalogException(description + ": the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CatalogException(description + ": " + e.getOriginalMessage() + path(e) + location(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(description + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** An error about the content of this source. */
    CatalogException invalid(String what) {
        return new CatalogException(description + ": " + what);
    }

    /** Where in the document, e.g. {@code at brands[2].hashtag}. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(" at ");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() > 4 ? "." : "").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
