package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.detect.AlertEvent;
import java.time.Instant;

/**
 * A routed notification as Microsoft Teams takes it from an incoming webhook or a Workflows
 * "post to a channel when a webhook request is received" flow: a {@code message} whose one
 * attachment is an Adaptive Card (version 1.4, what Teams renders), as Microsoft documents it.
 * Card text is plain (Teams reads a subset of Markdown in TextBlocks; post text is kept short and
 * wrapped).
 */
final class TeamsMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CARD = "application/vnd.microsoft.card.adaptive";

    private TeamsMessage() {}

    static byte[] json(Notification notification) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CARD);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        String title = notification.digest() ? Digests.title(notification) : Digests.headline(notification);
        body.addObject().put("type", "TextBlock").put("text", title).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        if (notification.digest()) {
            for (String line : Digests.lines(notification)) {
                body.addObject().put("type", "TextBlock").put("text", "- " + line).put("wrap", true);
            }
        } else {
            AlertEvent event = notification.first();
            body.addObject().put("type", "TextBlock").put("text", SlackMessage.details(event)).put("wrap", true);
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            facts.addObject().put("title", "Alert").put("value", event.alertId());
            facts.addObject().put("title", "Event").put("value", event.event() + " #" + event.sequence());
            facts.addObject().put("title", "Kind").put("value", AlertKind.of(event).id() + " · " + event.level());
            facts.addObject().put("title", "At").put("value", Instant.ofEpochMilli(event.eventTime()).toString());
        }
        body.addObject().put("type", "TextBlock").put("text", "delivery " + notification.deliveryId())
                .put("isSubtle", true).put("size", "Small").put("wrap", true);
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
