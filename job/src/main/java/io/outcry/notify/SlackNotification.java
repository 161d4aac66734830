package io.outcry.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A routed notification as a Slack incoming-webhook message: one event as {@link SlackMessage} writes it, or a digest. */
final class SlackNotification {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackNotification() {}

    static byte[] json(Notification notification) {
        if (!notification.digest() && !notification.held()) {
            return SlackMessage.json(notification.first());
        }
        String title = notification.digest() ? Digests.title(notification) : Digests.headline(notification);
        String body = notification.digest() ? "• " + String.join("\n• ", Digests.lines(notification))
                : SlackMessage.details(notification.first());
        ObjectNode message = MAPPER.createObjectNode();
        message.put("text", SlackMessage.escaped(title));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + SlackMessage.escaped(title) + "*");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", SlackMessage.escaped(body));
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", SlackMessage.escaped("delivery `" + notification.deliveryId() + "`"));
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
