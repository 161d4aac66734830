package io.outcry.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The composable index templates the jobs install ({@code job/src/main/resources/elasticsearch}),
 * read as the boards see them: which template owns an index pattern, and the type of each field
 * of its mapping. A new index only needs its template there for the board checks to cover it.
 */
public record IndexTemplates(List<Template> templates) {

    /** One template: its file name, index patterns, priority, and fields by dotted path. */
    public record Template(String name, List<String> indexPatterns, int priority, Map<String, String> fields,
            Map<String, String> dynamicPaths) {

        /** The field's mapped type ("object" for an object with sub-fields), if the mapping has it. */
        public Optional<String> type(String field) {
            String type = fields.get(field);
            if (type != null) {
                return Optional.of(type);
            }
            return dynamicPaths.entrySet().stream()
                    .filter(e -> glob(e.getKey()).matcher(field).matches())
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        boolean owns(String concreteIndex) {
            return indexPatterns.stream().anyMatch(p -> glob(p).matcher(concreteIndex).matches());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every {@code *.json} template in the directory. */
    public static IndexTemplates load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Template> templates = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                List<String> patterns = new ArrayList<>();
                root.get("index_patterns").forEach(p -> patterns.add(p.asText()));
                JsonNode mappings = root.path("template").path("mappings");
                Map<String, String> fields = new LinkedHashMap<>();
                flatten("", mappings.path("properties"), fields);
                Map<String, String> dynamic = new LinkedHashMap<>();
                mappings.path("dynamic_templates").forEach(t -> t.fields().forEachRemaining(e -> {
                    JsonNode rule = e.getValue();
                    if (rule.has("path_match")) {
                        dynamic.put(rule.get("path_match").asText(), rule.path("mapping").path("type").asText("object"));
                    }
                }));
                templates.add(new Template(file.getFileName().toString(), patterns, root.path("priority").asInt(0), fields, dynamic));
            }
            return new IndexTemplates(templates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index templates in " + dir, e);
        }
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> out) {
        properties.fields().forEachRemaining(e -> {
            String path = prefix + e.getKey();
            JsonNode mapping = e.getValue();
            if (mapping.has("properties") || "object".equals(mapping.path("type").asText()) || "nested".equals(mapping.path("type").asText())) {
                out.put(path, mapping.path("type").asText("object"));
                flatten(path + ".", mapping.path("properties"), out);
            } else {
                out.put(path, mapping.path("type").asText());
            }
        });
    }

    /**
     * The template Elasticsearch applies to the indices an index expression names (the highest
     * priority one, as Elasticsearch picks), tried on a concrete daily index for each wildcard.
     */
    public Optional<Template> owner(String indexExpression) {
        Template owner = null;
        for (String part : indexExpression.split(",")) {
            String concrete = part.trim().replace("*", "2026.11.20");
            Optional<Template> t = templates.stream().filter(tt -> tt.owns(concrete))
                    .max(Comparator.comparingInt(Template::priority));
            if (t.isEmpty() || (owner != null && owner != t.get())) {
                return Optional.empty();
            }
            owner = t.get();
        }
        return Optional.ofNullable(owner);
    }

    private static Pattern glob(String pattern) {
        List<String> pieces = new ArrayList<>();
        for (String piece : pattern.split("\\*", -1)) {
            pieces.add(Pattern.quote(piece));
        }
        return Pattern.compile(String.join(".*", pieces));
    }
}
