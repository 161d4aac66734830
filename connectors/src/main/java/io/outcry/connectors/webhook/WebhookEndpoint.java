package io.outcry.connectors.webhook;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the sink POSTs, and how it names that place in logs. Webhook URLs often carry their
 * secret in the path (Slack: {@code /services/T.../B.../<token>}) or the query, so logs show
 * the scheme, host, port and first path segment only.
 */
record WebhookEndpoint(URI uri, String logName) implements Serializable {

    static WebhookEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "no webhook URL; call url(\"https://hooks.slack.com/services/...\")");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL '" + redact(url) + "' is not a valid URI (" + e.getReason()
                    + "); give an absolute http(s) URL such as https://hooks.slack.com/services/...");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook URL '" + redact(url)
                    + "' is not an absolute http(s) URL with a host; give one such as https://hooks.slack.com/services/...");
        }
        return new WebhookEndpoint(uri, redact(uri));
    }

    private static String redact(String url) {
        try {
            return redact(new URI(url.trim()));
        } catch (URISyntaxException e) {
            return "<unparseable URL>";
        }
    }

    private static String redact(URI uri) {
        StringBuilder name = new StringBuilder();
        if (uri.getScheme() != null) {
            name.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            name.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            name.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        name.append(second < 0 ? path : path.substring(0, second) + "/…");
        if (uri.getRawQuery() != null) {
            name.append("?…");
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return logName;
    }
}
