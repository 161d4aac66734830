package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.care.CareAlerts;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Explanation;
import io.outcry.post.Author;
import io.outcry.window.Complainer;
import io.outcry.zone.ZoneAlerts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An alert event as a Slack incoming-webhook message: a one-line {@code text} (what
 * notifications and non-Slack receivers show) and blocks with the explanation. A complaint
 * spike reads as one; an outage zone ({@link ZoneAlerts}) reads as an operator down in its
 * towns, since when, and how many people say so. Only the events
 * a person must act on are sent: an alert opens, opens again, or resolves; updates stay in
 * Elasticsearch and on the alerts topic, so a channel is not flooded.
 */
public final class SlackMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NOTIFIED = Set.of("open", "reopen", "resolve");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Slack refuses a section whose text is longer, and with it the whole message. */
    private static final int BLOCK_TEXT_LIMIT = 3000;
    /** Examples quoted in a message, and how much of each. */
    private static final int QUOTED = 2;
    private static final int QUOTE_LENGTH = 160;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SlackMessage() {}

    public static boolean worthNotifying(AlertEvent event) {
        return NOTIFIED.contains(event.event());
    }

    /**
     * What names this message to a receiver that drops repeats: the alert and its event's place
     * in the alert's life, the same when a restart or a replay sends the event again.
     */
    public static String deliveryId(AlertEvent event) {
        return event.alertId() + '#' + event.sequence();
    }

    public static byte[] json(AlertEvent event) {
        ObjectNode message = MAPPER.createObjectNode();
        String headline = escaped(headline(event));
        message.put("text", headline);
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + headline + "*");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", escaped(details(event)));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escaped("alert `" + event.alertId() + "` · event " + event.sequence()
                        + " · delivery `" + deliveryId(event) + "`"));
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Text as Slack must receive it. Handles, terms and places come from posts, and Slack reads
     * {@code <!channel>} or {@code <https://evil|click>} in them as a ping or a link: the three
     * characters Slack gives a meaning are escaped as its documentation asks, and a text is cut
     * to what one block accepts, or Slack refuses the whole message.
     */
    static String escaped(String text) {
        String plain = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        // Room for the ellipsis and a headline's two bold asterisks.
        int room = BLOCK_TEXT_LIMIT - 3;
        if (plain.length() <= room) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', room);
        if (cut <= 0) {
            cut = Character.isLowSurrogate(plain.charAt(room)) ? room - 1 : room;
        }
        return plain.substring(0, cut) + "…";
    }

    static String headline(AlertEvent event) {
        if (ZoneAlerts.LEVEL.equals(event.level())) {
            return zoneHeadline(event);
        }
        if (CareAlerts.LEVEL.equals(event.level())) {
            return careHeadline(event);
        }
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

    /**
     * A zone alert is an operator down in a place, not a spike of complaints: its region name
     * holds the zone's towns and region, its observed count the people reporting in its latest
     * minute.
     */
    private static String zoneHeadline(AlertEvent event) {
        return switch (event.event()) {
            // A zone also closes when it merges into a neighbour, so "closed", not "service back".
            case "resolve" -> String.format(Locale.ROOT, "Closed: %s outage zone in %s (reported down %s to %s, %d min; at most %.0f people a minute)",
                    event.brand(), event.regionName(), SINCE.format(Instant.ofEpochMilli(event.onset())),
                    CLOCK.format(Instant.ofEpochMilli(event.lastAnomalousEnd())), minutes(event), event.peakObserved());
            case "reopen" -> String.format(Locale.ROOT, "Down again: %s outage zone in %s, since %s, %.0f people in the last minute",
                    event.brand(), event.regionName(), SINCE.format(Instant.ofEpochMilli(event.onset())), event.observed());
            default -> String.format(Locale.ROOT, "Outage zone: %s down in %s since %s, %.0f people in the last minute",
                    event.brand(), event.regionName(), SINCE.format(Instant.ofEpochMilli(event.onset())), event.observed());
        };
    }

    /** A care alert is a brand leaving its customers waiting, not a spike: it counts cases past their SLA. */
    private static String careHeadline(AlertEvent event) {
        return switch (event.event()) {
            case "resolve" -> String.format(Locale.ROOT, "Caught up: %s answers in time again (at most %.0f cases a window went unanswered past the SLA)",
                    event.brand(), event.peakObserved());
            default -> String.format(Locale.ROOT, "Unanswered questions: %s left %.0f cases unanswered past the SLA in one window (alert at %.0f)",
                    event.brand(), event.observed(), event.expected());
        };
    }

    private static String careDetails(AlertEvent event) {
        return String.format(Locale.ROOT, "Since %s · %d care windows over the threshold · the cases waiting are in the care cases index (waiting: true)%n",
                Instant.ofEpochMilli(event.onset()), event.anomalousWindows());
    }

    private static String zoneDetails(AlertEvent event) {
        Explanation e = event.explanation();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%.0f people reporting it down in the last minute, %.0f at the peak · down since %s%n",
                event.observed(), event.peakObserved(), Instant.ofEpochMilli(event.onset())));
        text.append(String.format(Locale.ROOT, "%,d outage posts · %d people say it works again", e.posts(),
                e.intents().getOrDefault("restored", 0L)));
        if (e.retweets() > 0) {
            // Retweets never date a recovery: say how many were left out, so nobody closes it early.
            text.append(String.format(Locale.ROOT, " · %,d \"works again\" retweets not counted", e.retweets()));
        }
        text.append('\n');
        if (!e.regions().isEmpty()) {
            text.append("Region: ").append(String.join(", ", e.regions().keySet())).append('\n');
        }
        quote(text, e);
        return text.toString();
    }

    static String details(AlertEvent event) {
        if (ZoneAlerts.LEVEL.equals(event.level())) {
            return zoneDetails(event);
        }
        if (CareAlerts.LEVEL.equals(event.level())) {
            return careDetails(event);
        }
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
                    .map(c -> "@" + c.handle() + (c.followers() == Author.UNKNOWN_FOLLOWERS ? "" : " (" + c.followers() + ")")).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        quote(text, e);
        return text.toString();
    }

    /**
     * The first examples as people wrote them, each on a line with its link: what the on-call
     * person reads before opening anything. A link is a bare URL, which Slack, Teams and mail
     * clients all make clickable.
     */
    private static void quote(StringBuilder text, Explanation e) {
        e.examples().stream().filter(example -> example.text() != null).limit(QUOTED).forEach(example -> {
            String said = example.text().replaceAll("\\s+", " ").strip();
            if (said.length() > QUOTE_LENGTH) {
                int cut = said.lastIndexOf(' ', QUOTE_LENGTH);
                said = said.substring(0, cut > 0 ? cut : QUOTE_LENGTH) + "…";
            }
            text.append("“").append(said).append("”");
            if (example.permalink() != null) {
                text.append(' ').append(example.permalink());
            }
            text.append('\n');
        });
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
