package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.secrets.SecretReferences;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * How Outcry connects to a secured Elasticsearch, kept in one properties file
 * ({@code --elasticsearch-properties}), with the names Beats and Logstash use:
 *
 * <ul>
 *   <li>{@code username} and {@code password}: basic authentication;</li>
 *   <li>{@code api_key}: an API key, its {@code encoded} form ({@code base64(id:key)}), instead of a user;</li>
 *   <li>{@code ssl.certificate_authorities}: a PEM file of the CA certificates to trust for HTTPS, or</li>
 *   <li>{@code ssl.ca_trusted_fingerprint}: the SHA-256 fingerprint (hex) of the CA certificate in the
 *       node's chain, as Elasticsearch prints it at its first start.</li>
 * </ul>
 *
 * <p>The settings travel inside the job to every TaskManager, so a secret ({@code password},
 * {@code api_key}) may only be written as a reference: {@code ${file:<path>:<key>}} (a key of a
 * properties file, the syntax of Kafka's config providers), {@code ${file:<path>}} (a whole file, as
 * Kubernetes mounts a secret, and as the webhook URL's reference reads it) or {@code ${env:<VARIABLE>}}.
 * {@link #resolve} replaces references when a client is built, on the machine that builds it.
 */
public final class ElasticsearchClientSettings {

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String API_KEY = "api_key";
    public static final String CERTIFICATE_AUTHORITIES = "ssl.certificate_authorities";
    public static final String CA_TRUSTED_FINGERPRINT = "ssl.ca_trusted_fingerprint";

    private static final List<String> KNOWN = List.of(USERNAME, PASSWORD, API_KEY, CERTIFICATE_AUTHORITIES, CA_TRUSTED_FINGERPRINT);
    private static final Set<String> SECRETS = Set.of(PASSWORD, API_KEY);

    private ElasticsearchClientSettings() {
    }

    /**
     * Reads and checks {@code file}, leaving references as they are.
     *
     * @throws IllegalArgumentException with one line naming the file, the setting and the fix
     */
    public static Map<String, String> load(Path file) {
        String source = "--elasticsearch-properties " + file;
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": cannot read it as a properties file (" + e.getMessage()
                    + "); give a readable file of key=value lines");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).strip()));
        return checked(settings, source);
    }

    private static Map<String, String> checked(Map<String, String> settings, String source) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown setting " + key + "; the settings are " + KNOWN);
            }
            if (SECRETS.contains(key) && !SecretReferences.holdsReference(setting.getValue())) {
                throw new IllegalArgumentException(source + ": " + key + " holds a secret in clear, which would travel"
                        + " inside the job; keep it in a file or an environment variable and write "
                        + key + "=${file:/path/to/secrets.properties:" + key + "} or " + key + "=${env:VARIABLE}");
            }
        }
        if (settings.containsKey(USERNAME) != settings.containsKey(PASSWORD)) {
            throw new IllegalArgumentException(source + ": give both " + USERNAME + " and " + PASSWORD + ", or neither");
        }
        if (settings.containsKey(USERNAME) && settings.containsKey(API_KEY)) {
            throw new IllegalArgumentException(source + ": give either " + USERNAME + " and " + PASSWORD + " or "
                    + API_KEY + ", not both");
        }
        if (settings.containsKey(CERTIFICATE_AUTHORITIES) && settings.containsKey(CA_TRUSTED_FINGERPRINT)) {
            throw new IllegalArgumentException(source + ": give either " + CERTIFICATE_AUTHORITIES + " or "
                    + CA_TRUSTED_FINGERPRINT + ", not both");
        }
        String fingerprint = settings.get(CA_TRUSTED_FINGERPRINT);
        if (fingerprint != null && fingerprint(fingerprint) == null) {
            throw new IllegalArgumentException(source + ": " + CA_TRUSTED_FINGERPRINT + " is not a SHA-256 fingerprint;"
                    + " give 64 hex digits (colons allowed), as `openssl x509 -noout -fingerprint -sha256 -in ca.crt` prints");
        }
        return Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** The 32 bytes of a hex SHA-256 fingerprint, colons allowed; null when it is not one. */
    static byte[] fingerprint(String hex) {
        String digits = hex.replace(":", "").strip();
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(digits.toLowerCase());
    }

    /** Whether these settings ask for HTTPS (a CA or a fingerprint to trust). */
    static boolean tls(Map<String, String> settings) {
        return settings.containsKey(CERTIFICATE_AUTHORITIES) || settings.containsKey(CA_TRUSTED_FINGERPRINT);
    }

    /**
     * The settings with every reference replaced by what it names on this machine.
     *
     * @throws IllegalArgumentException naming the setting and the file or variable that is missing,
     *     never the value
     */
    static Map<String, String> resolve(Map<String, String> settings) {
        return resolve(settings, System::getenv);
    }

    static Map<String, String> resolve(Map<String, String> settings, UnaryOperator<String> env) {
        Map<String, String> resolved = new TreeMap<>();
        settings.forEach((key, value) -> resolved.put(key, resolve(key, value, env)));
        return resolved;
    }

    private static String resolve(String key, String value, UnaryOperator<String> env) {
        return SecretReferences.resolve("Elasticsearch setting " + key, value, env);
    }
}
