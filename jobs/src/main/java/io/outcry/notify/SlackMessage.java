package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.window.Complainer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An alert event as a Slack incoming-webhook message: a one-line {@code text} (what
 * notifications and non-Slack receivers show) and blocks with the explanation. Only the events
 * a person must act on are sent: an alert opens, opens again, or resolves; updates stay in
 * Elasticsearch and on the alerts topic, so a channel is not flooded.
 */
public final class SlackMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NOTIFIED = Set.of("open", "reopen", "resolve");

    private SlackMessage() {}

    public static boolean worthNotifying(AlertEvent event) {
        return NOTIFIED.contains(event.event());
    }

    public static byte[] json(AlertEvent event) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("text", headline(event));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + headline(event) + "*");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", details(event));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "alert `" + event.alertId() + "` · event " + event.sequence());
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static String headline(AlertEvent event) {
        String what = event.brand() + (event.topic().equals("*") ? "" : " · " + event.topic())
                + (event.regionCode().equals("*") ? "" : " · " + event.regionName());
        return switch (event.event()) {
            case "resolve" -> String.format(Locale.ROOT, "Resolved: %s complaint spike (peak severity %d/10, %d min)",
                    what, event.peakSeverity(), minutes(event));
            case "reopen" -> String.format(Locale.ROOT, "Back again: %s complaint spike, severity %d/10", what, event.severity());
            default -> String.format(Locale.ROOT, "Complaint spike: %s, severity %d/10, crisis score %.0f",
                    what, event.severity(), event.crisisScore());
        };
    }

    private static String details(AlertEvent event) {
        Explanation e = event.explanation();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%.0f people complaining in the last minute, %.1f expected · since %s%n",
                event.observed(), event.expected(), Instant.ofEpochMilli(event.onset())));
        if (!e.topTerms().isEmpty()) {
            text.append("Terms: ").append(String.join(", ", e.topTerms())).append('\n');
        }
        text.append("Where: ").append(top(e.regions())).append('\n');
        text.append(String.format(Locale.ROOT, "Retweets %.0f%% · negative %.0f%% · reach %,d%n",
                100 * e.retweetShare(), 100 * e.negativeShare(), e.reach()));
        List<Complainer> influencers = e.influencers();
        if (!influencers.isEmpty()) {
            text.append("Loudest: ").append(influencers.stream().limit(3)
                    .map(c -> "@" + c.handle() + " (" + c.followers() + ")").collect(Collectors.joining(", ")));
        }
        return text.toString();
    }

    private static String top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(4).map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static long minutes(AlertEvent event) {
        return (event.lastAnomalousEnd() - event.onset()) / 60_000;
    }
}
