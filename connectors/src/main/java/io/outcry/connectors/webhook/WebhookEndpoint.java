package io.outcry.connectors.webhook;

import io.outcry.connectors.secrets.SecretReferences;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the sink POSTs, and how it names that place in logs. Webhook URLs often carry their
 * secret in the path (Slack: {@code /services/T.../B.../<token>}) or the query, so logs show
 * the scheme, host, port and first path segment only.
 *
 * <p>The URL may instead be a reference ({@link SecretReferences}: {@code ${env:VARIABLE}} or
 * {@code ${file:/path}}), read where the sink runs when it first sends: then the secret is in
 * neither the command line nor the job, and logs name the reference.
 */
final class WebhookEndpoint implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The URL as given, or a reference to it. */
    private final String url;
    private final String logName;
    private transient URI uri;

    private WebhookEndpoint(String url, String logName) {
        this.url = url;
        this.logName = logName;
    }

    static WebhookEndpoint parse(String url) {
        if (SecretReferences.isReference(url)) {
            return new WebhookEndpoint(url.trim(), url.trim());
        }
        URI uri = literal(url, "webhook URL");
        return new WebhookEndpoint(uri.toString(), redact(uri));
    }

    /** How logs name the endpoint: the URL without its secret parts, or the reference. */
    String logName() {
        return logName;
    }

    /** The URL, read from its reference on first use. */
    URI uri() {
        if (uri == null) {
            uri = SecretReferences.isReference(url) ? literal(SecretReferences.resolve("webhook URL", url), "webhook URL from " + url)
                    : URI.create(url);
        }
        return uri;
    }

    private static URI literal(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "no " + what + "; call url(\"https://hooks.slack.com/services/...\")");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + redact(url) + "' is not a valid URI (" + e.getReason()
                    + "); give an absolute http(s) URL such as https://hooks.slack.com/services/...");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + redact(url)
                    + "' is not an absolute http(s) URL with a host; give one such as https://hooks.slack.com/services/...");
        }
        return uri;
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
