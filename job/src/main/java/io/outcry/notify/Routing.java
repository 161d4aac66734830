package io.outcry.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.outcry.connectors.mail.SmtpSettings;
import io.outcry.connectors.secrets.SecretReferences;
import io.outcry.detect.AlertEvent;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A routing file ({@code --routes routes.yaml}), read and checked: the destinations it declares
 * and the routes that send alerts to them. Every mistake fails at start with one line naming the
 * file, the place in it and the fix; docs/routing.md shows the format.
 */
public record Routing(List<Route> routes, Map<String, RouteDestination> destinations) implements Serializable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_KEYS = Set.of("destinations", "routes");
    private static final Set<String> ROUTE_KEYS = Set.of("name", "brands", "levels", "kinds", "min_severity", "to");
    private static final Set<String> COMMON_KEYS = Set.of("type", "max_per_hour", "quiet_hours", "time_zone");
    private static final Map<DestinationType, Set<String>> TYPE_KEYS = Map.of(
            DestinationType.SLACK, Set.of("url"),
            DestinationType.TEAMS, Set.of("url"),
            DestinationType.WEBHOOK, Set.of("url", "headers"),
            DestinationType.PAGERDUTY, Set.of("url", "routing_key", "source"),
            DestinationType.EMAIL, Set.of("smtp_host", "smtp_port", "starttls", "from", "to", "username", "password"));
    /** The levels an alert can have: the spike detector's four, and the zone and care alerts'. */
    static final Set<String> LEVELS = Set.of("brand", "brand_topic", "brand_region", "brand_region_topic", "zone", "care");

    public Routing {
        routes = List.copyOf(routes);
        // In the file's order, so that every run and replay visits them alike.
        destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
    }

    /** Reads and checks {@code file}, resolving each secret reference once to prove it is there (never keeping it). */
    public static Routing load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + "); give --routes the path of a readable routing file");
        }
        return parse(file.toString(), text, System::getenv);
    }

    /** The names of the destinations an alert event goes to, in the order the routes name them. */
    public Set<String> destinationsFor(AlertEvent event) {
        Set<String> names = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(event)) {
                names.addAll(route.to());
            }
        }
        return names;
    }

    static Routing parse(String file, String text, UnaryOperator<String> env) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? "line " + p.getLocation().getLineNr() : "its YAML";
            throw new IllegalArgumentException(file + ": " + where + " is not valid YAML (" + firstLine(e.getMessage())
                    + "); fix the syntax, docs/routing.md has a full example");
        }
        Reader reader = new Reader(file, env);
        if (root == null || !root.isObject()) {
            throw reader.fail("the file", "is not a mapping with 'destinations' and 'routes'", "start from the example in docs/routing.md");
        }
        reader.knownKeys("the file", root, TOP_KEYS);
        JsonNode destinationNodes = root.path("destinations");
        if (!destinationNodes.isObject() || destinationNodes.isEmpty()) {
            throw reader.fail("destinations", "are missing", "declare at least one, e.g. destinations: {team-slack: {type: slack, url: ...}}");
        }
        Map<String, RouteDestination> destinations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = destinationNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            destinations.put(entry.getKey(), reader.destination(entry.getKey(), entry.getValue()));
        }
        JsonNode routeNodes = root.path("routes");
        if (!routeNodes.isArray() || routeNodes.isEmpty()) {
            throw reader.fail("routes", "are missing", "add a list of routes, e.g. routes: [{brands: [acme], to: [team-slack]}]");
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < routeNodes.size(); i++) {
            routes.add(reader.route(i, routeNodes.get(i), destinations.keySet()));
        }
        return new Routing(routes, destinations);
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** Reads one file's nodes, naming the place of each mistake. */
    private record Reader(String file, UnaryOperator<String> env) {

        IllegalArgumentException fail(String place, String problem, String fix) {
            return new IllegalArgumentException(file + ": " + place + " " + problem + "; " + fix);
        }

        void knownKeys(String place, JsonNode node, Set<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw fail(place, "has unknown key '" + name + "'", "the keys there are " + sorted(known));
                }
            }
        }

        RouteDestination destination(String name, JsonNode node) {
            String place = "destinations." + name;
            if (!name.matches("[a-z0-9-]+")) {
                throw fail(place, "has a name that is not lower-case letters, digits or '-'",
                        "rename it, e.g. 'team-slack' (it names the destination's operators in savepoints)");
            }
            if (!node.isObject()) {
                throw fail(place, "is not a mapping", "give it a type and its settings, e.g. {type: slack, url: ...}");
            }
            String typeName = text(place, node, "type", true);
            DestinationType type = Arrays.stream(DestinationType.values()).filter(t -> t.id().equals(typeName)).findFirst()
                    .orElseThrow(() -> fail(place + ".type", "'" + typeName + "' is unknown", "use one of "
                            + Arrays.stream(DestinationType.values()).map(DestinationType::id).toList()));
            Set<String> known = new LinkedHashSet<>(COMMON_KEYS);
            known.addAll(TYPE_KEYS.get(type));
            knownKeys(place, node, known);
            int maxPerHour = integer(place, node, "max_per_hour", 0);
            if (maxPerHour < 0) {
                throw fail(place + ".max_per_hour", "is negative", "give 0 for no limit or a number of messages per hour");
            }
            QuietHours quiet = quietHours(place, node);
            String url = null;
            String routingKey = null;
            String source = null;
            Map<String, String> headers = Map.of();
            SmtpSettings smtp = null;
            switch (type) {
                case SLACK, TEAMS -> url = secret(place, node, "url", true);
                case WEBHOOK -> {
                    url = secret(place, node, "url", true);
                    headers = headers(place, node);
                }
                case PAGERDUTY -> {
                    url = node.has("url") ? secret(place, node, "url", true) : RouteDestination.PAGERDUTY_EVENTS_URL;
                    routingKey = secret(place, node, "routing_key", true);
                    source = node.has("source") ? text(place, node, "source", true) : "outcry";
                }
                case EMAIL -> smtp = smtp(place, node);
            }
            if (url != null && !SecretReferences.isReference(url) && !url.matches("(?i)https?://[^/\\s]+.*")) {
                throw fail(place + ".url", "is not an absolute http(s) URL", "give one such as https://hooks.example.com/..., or ${env:NAME}");
            }
            return new RouteDestination(name, type, url, routingKey, source, headers, smtp, maxPerHour, quiet);
        }

        private QuietHours quietHours(String place, JsonNode node) {
            String span = node.has("quiet_hours") ? text(place, node, "quiet_hours", true) : null;
            String zoneName = node.has("time_zone") ? text(place, node, "time_zone", true) : null;
            if (span == null) {
                if (zoneName != null) {
                    throw fail(place + ".time_zone", "is set without quiet_hours", "add quiet_hours: \"22:00-07:00\" or drop time_zone");
                }
                return null;
            }
            ZoneId zone;
            try {
                zone = zoneName == null ? ZoneId.of("UTC") : ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw fail(place + ".time_zone", "'" + zoneName + "' is not a time zone", "give a tz database name such as Europe/Rome");
            }
            try {
                return QuietHours.parse(span, zone);
            } catch (IllegalArgumentException e) {
                // Its message is the problem and the fix: "'22:00-7' is not a span of local times; write it as ..."
                throw new IllegalArgumentException(file + ": " + place + ".quiet_hours " + e.getMessage());
            }
        }

        private Map<String, String> headers(String place, JsonNode node) {
            JsonNode headers = node.path("headers");
            if (headers.isMissingNode()) {
                return Map.of();
            }
            if (!headers.isObject()) {
                throw fail(place + ".headers", "is not a mapping", "give header: value pairs, e.g. {Authorization: \"${env:TOKEN}\"}");
            }
            Map<String, String> result = new LinkedHashMap<>();
            for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                result.put(name, secret(place + ".headers", headers, name, true));
            }
            return result;
        }

        private SmtpSettings smtp(String place, JsonNode node) {
            String host = text(place, node, "smtp_host", true);
            int port = integer(place, node, "smtp_port", 587);
            if (port < 1 || port > 65535) {
                throw fail(place + ".smtp_port", "is " + port, "give a port 1-65535, usually 587 (STARTTLS) or 25");
            }
            JsonNode startTls = node.path("starttls");
            if (!startTls.isMissingNode() && !startTls.isBoolean()) {
                throw fail(place + ".starttls", "is not true or false", "write starttls: true (the default) or false");
            }
            String from = address(place + ".from", text(place, node, "from", true));
            List<String> to = strings(place, node, "to");
            if (to.isEmpty()) {
                throw fail(place + ".to", "is missing", "give the recipients, e.g. to: [oncall@example.com]");
            }
            to.forEach(address -> address(place + ".to", address));
            String username = node.has("username") ? secret(place, node, "username", true) : null;
            String password = node.has("password") ? secret(place, node, "password", true) : null;
            if (username != null && password == null) {
                throw fail(place + ".password", "is missing while username is set", "add password: \"${env:SMTP_PASSWORD}\"");
            }
            return new SmtpSettings(host, port, startTls.isMissingNode() || startTls.asBoolean(), from, to, username, password);
        }

        /** A bare address: it goes into SMTP commands and mail headers, where a line break or a bracket would inject. */
        private String address(String place, String address) {
            if (!address.matches("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+")) {
                throw fail(place, "'" + address.replaceAll("\\p{Cntrl}", "?") + "' is not a bare email address", "write it as name@example.com, without a display name");
            }
            return address;
        }

        Route route(int index, JsonNode node, Set<String> declared) {
            String place = "routes[" + index + "]";
            if (!node.isObject()) {
                throw fail(place, "is not a mapping", "give it brands, levels, kinds, min_severity and to");
            }
            knownKeys(place, node, ROUTE_KEYS);
            String name = node.has("name") ? text(place, node, "name", true) : place;
            List<String> to = strings(place, node, "to");
            if (to.isEmpty()) {
                throw fail(place + ".to", "is missing", "name the destinations it sends to, e.g. to: [team-slack]");
            }
            for (String destination : to) {
                if (!declared.contains(destination)) {
                    throw fail(place + ".to", "names destination '" + destination + "', which is not declared",
                            "declare it under destinations, or use one of " + sorted(declared));
                }
            }
            List<String> levels = strings(place, node, "levels");
            for (String level : levels) {
                if (!LEVELS.contains(level)) {
                    throw fail(place + ".levels", "holds unknown level '" + level + "'", "use some of " + sorted(LEVELS));
                }
            }
            Set<AlertKind> kinds = new LinkedHashSet<>();
            for (String kind : strings(place, node, "kinds")) {
                kinds.add(Arrays.stream(AlertKind.values()).filter(k -> k.id().equals(kind)).findFirst()
                        .orElseThrow(() -> fail(place + ".kinds", "holds unknown kind '" + kind + "'", "use some of [care, spike, zone]")));
            }
            int minSeverity = integer(place, node, "min_severity", 0);
            if (minSeverity < 0 || minSeverity > 10) {
                throw fail(place + ".min_severity", "is " + minSeverity, "give a severity from 0 to 10");
            }
            return new Route(name, new LinkedHashSet<>(strings(place, node, "brands")), new LinkedHashSet<>(levels), kinds,
                    minSeverity, to);
        }

        private String text(String place, JsonNode node, String key, boolean required) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                if (required) {
                    throw fail(place, "has no '" + key + "'", "add " + key + ": ... (docs/routing.md lists each type's keys)");
                }
                return null;
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw fail(place + "." + key, "is not a plain non-empty value", "give it as text, e.g. " + key + ": \"...\"");
            }
            return value.asText().strip();
        }

        /** A value that may be a secret reference: resolved once here so that a missing one fails now, and kept unresolved. */
        private String secret(String place, JsonNode node, String key, boolean required) {
            String value = text(place, node, key, required);
            if (value != null && SecretReferences.holdsReference(value)) {
                // Its message names the file, the place and the variable or file to provide, never the secret.
                SecretReferences.resolve(file + ": " + place + "." + key, value, env);
            }
            return value;
        }

        private int integer(String place, JsonNode node, String key, int fallback) {
            JsonNode value = node.path(key);
            if (value.isMissingNode()) {
                return fallback;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw fail(place + "." + key, "is not a whole number", "give e.g. " + key + ": " + Math.max(fallback, 10));
            }
            return value.asInt();
        }

        private List<String> strings(String place, JsonNode node, String key) {
            JsonNode value = node.path(key);
            if (value.isMissingNode() || value.isNull()) {
                return List.of();
            }
            if (value.isTextual()) {
                return List.of(value.asText().strip());
            }
            if (!value.isArray()) {
                throw fail(place + "." + key, "is not a list", "give a list, e.g. " + key + ": [a, b]");
            }
            List<String> result = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.asText().isBlank()) {
                    throw fail(place + "." + key, "holds an item that is not plain text", "give a list of names, e.g. " + key + ": [a, b]");
                }
                result.add(item.asText().strip());
            }
            return result;
        }

        private static String sorted(Set<String> names) {
            return names.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
