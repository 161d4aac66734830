package io.outcry.connectors.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One plain-text mail: its delivery id (the same on every send, as the sink's other deliveries),
 * subject and text. {@link #toMime} writes it as an RFC 5322 message whose {@code Message-ID}
 * comes from the delivery id, so that a repeat after a restart has the same one and mail clients
 * that thread by it show one message.
 */
public record MailMessage(String deliveryId, String subject, String text) {

    public MailMessage {
        Objects.requireNonNull(deliveryId, "delivery id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /** The message with headers, UTF-8 text in base64 (safe through any server, 8BITMIME or not), CRLF line ends. */
    public byte[] toMime(String from, List<String> to, ZonedDateTime date) {
        StringBuilder mime = new StringBuilder();
        mime.append("From: ").append(from).append("\r\n");
        mime.append("To: ").append(String.join(", ", to)).append("\r\n");
        mime.append("Subject: ").append(encodedWord(subject)).append("\r\n");
        mime.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date)).append("\r\n");
        mime.append("Message-ID: <").append(UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8)))
                .append("@outcry>\r\n");
        mime.append("X-Outcry-Delivery: ").append(encodedWord(deliveryId)).append("\r\n");
        mime.append("MIME-Version: 1.0\r\n");
        mime.append("Content-Type: text/plain; charset=UTF-8\r\n");
        mime.append("Content-Transfer-Encoding: base64\r\n\r\n");
        String body = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        mime.append(body).append("\r\n");
        return mime.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A header value as is when it is printable ASCII, else as an RFC 2047 encoded word; never a line break. */
    static String encodedWord(String value) {
        String oneLine = value.replaceAll("[\\r\\n]+", " ");
        if (oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && oneLine.length() <= 900) {
            return oneLine;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
