package io.outcry.notify;

import io.outcry.connectors.mail.MailMessage;

/** A routed notification as a plain-text email: the headline as subject, the explanation or the digest's lines as body. */
final class EmailMessage {

    private EmailMessage() {}

    static MailMessage of(Notification notification) {
        if (notification.digest()) {
            return new MailMessage(notification.deliveryId(), "[Outcry] " + Digests.title(notification),
                    String.join("\n", Digests.lines(notification)) + "\n\ndelivery " + notification.deliveryId() + "\n");
        }
        return new MailMessage(notification.deliveryId(), "[Outcry] " + Digests.headline(notification),
                SlackMessage.details(notification.first()) + "\nalert " + notification.first().alertId()
                        + "\ndelivery " + notification.deliveryId() + "\n");
    }
}
