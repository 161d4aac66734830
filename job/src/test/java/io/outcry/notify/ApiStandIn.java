package io.outcry.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that answers as one receiver's API does: PagerDuty's
 * Events API v2, a Teams Workflows webhook, or a plain webhook. It records every request, and a
 * script of replies can answer the first ones (a 429, a 500) before the API's own answer.
 */
final class ApiStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final Function<Request, Reply> api;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();

    private ApiStandIn(Function<Request, Reply> api) throws IOException {
        this.api = api;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    /** A plain webhook (Slack's incoming webhooks too): 200 "ok" to any POST. */
    static ApiStandIn webhook() throws IOException {
        return new ApiStandIn(request -> Reply.of(200, "ok"));
    }

    /**
     * PagerDuty Events API v2 as documented: 202 {@code {"status":"success","message":"Event
     * processed","dedup_key":...}}, or 400 {@code {"status":"invalid event",...}} for an event
     * that lacks what the API requires. Like PagerDuty, it keeps one incident per dedup_key: a
     * trigger of an open incident or a resolve of a closed one changes nothing.
     */
    static PagerDuty pagerDuty() throws IOException {
        PagerDuty incidents = new PagerDuty();
        incidents.server = new ApiStandIn(incidents::handle);
        return incidents;
    }

    /**
     * A Teams Workflows "when a webhook request is received" trigger: 202 for a message whose
     * attachment is an Adaptive Card, 400 otherwise.
     */
    static ApiStandIn teams() throws IOException {
        return new ApiStandIn(request -> {
            JsonNode message = request.json();
            JsonNode card = message.path("attachments").path(0);
            boolean valid = message.path("type").asText().equals("message")
                    && card.path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")
                    && card.path("content").path("type").asText().equals("AdaptiveCard")
                    && card.path("content").path("body").isArray();
            return valid ? Reply.of(202, "") : Reply.of(400, "{\"error\":{\"code\":\"InvalidRequestContent\"}}");
        });
    }

    /** The first requests get these answers, whatever the API would say. */
    synchronized ApiStandIn script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                Map.copyOf(exchange.getRequestHeaders()));
        Reply reply;
        synchronized (this) {
            requests.add(request);
            reply = script.isEmpty() ? null : script.pollFirst();
        }
        if (reply == null) {
            reply = api.apply(request);
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** PagerDuty's stand-in and the incidents it has seen open and resolve. */
    static final class PagerDuty implements AutoCloseable {

        private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
        private ApiStandIn server;
        private final Map<String, Boolean> open = new HashMap<>();
        private final Map<String, Integer> opened = new HashMap<>();
        private final Map<String, Integer> resolved = new HashMap<>();

        private synchronized Reply handle(Request request) {
            JsonNode event = request.json();
            List<String> errors = new ArrayList<>();
            String action = event.path("event_action").asText();
            if (event.path("routing_key").asText().isEmpty()) {
                errors.add("'routing_key' is missing or blank.");
            }
            if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
                errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve').");
            }
            String dedupKey = event.path("dedup_key").asText();
            if (!action.equals("trigger") && dedupKey.isEmpty()) {
                errors.add("'dedup_key' is required for " + action + " events.");
            }
            if (dedupKey.length() > 255) {
                errors.add("'dedup_key' is longer than 255 characters.");
            }
            if (action.equals("trigger")) {
                JsonNode payload = event.path("payload");
                if (payload.path("summary").asText().isEmpty() || payload.path("summary").asText().length() > 1024) {
                    errors.add("'payload.summary' is missing, blank or longer than 1024 characters.");
                }
                if (payload.path("source").asText().isEmpty()) {
                    errors.add("'payload.source' is missing or blank.");
                }
                if (!SEVERITIES.contains(payload.path("severity").asText())) {
                    errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info').");
                }
            }
            if (!errors.isEmpty()) {
                return Reply.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                        + JSON.valueToTree(errors) + "}");
            }
            if (action.equals("trigger") && !open.getOrDefault(dedupKey, false)) {
                open.put(dedupKey, true);
                opened.merge(dedupKey, 1, Integer::sum);
            } else if (action.equals("resolve") && open.getOrDefault(dedupKey, false)) {
                open.put(dedupKey, false);
                resolved.merge(dedupKey, 1, Integer::sum);
            }
            return Reply.of(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}");
        }

        /** Per dedup_key, how often an incident opened. */
        synchronized Map<String, Integer> opened() {
            return Map.copyOf(opened);
        }

        synchronized Map<String, Integer> resolved() {
            return Map.copyOf(resolved);
        }

        ApiStandIn server() {
            return server;
        }

        String url() {
            return server.url();
        }

        List<Request> requests() {
            return server.requests();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
