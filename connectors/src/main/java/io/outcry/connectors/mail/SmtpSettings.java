package io.outcry.connectors.mail;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where and as whom mail is sent. {@code password} may be a secret reference
 * ({@code ${env:NAME}}, {@code ${file:/path}}), read where the mail is sent; {@code username}
 * null means no authentication. With {@code startTls} the client upgrades the connection with
 * STARTTLS before it authenticates and refuses a server that does not offer it, so a password
 * never crosses the network in clear.
 */
public record SmtpSettings(String host, int port, boolean startTls, String from, List<String> to, String username,
        String password) implements Serializable {

    public SmtpSettings {
        Objects.requireNonNull(host, "SMTP host");
        Objects.requireNonNull(from, "SMTP from");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1-65535, got " + port);
        }
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("SMTP needs at least one recipient");
        }
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        // Never the password, even as a reference: logs name the server and sender only.
        return "smtp://" + host + ":" + port + (startTls ? " (STARTTLS)" : "") + " from " + from;
    }
}
