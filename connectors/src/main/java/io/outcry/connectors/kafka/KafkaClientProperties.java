package io.outcry.connectors.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kafka client settings an operator keeps in one properties file ({@code --kafka-properties}):
 * security (SASL, SSL) and tuning, given to every consumer, producer and admin client.
 *
 * <p>The file is read where the job is built, and its settings travel inside the job to every
 * TaskManager. A secret must therefore not be written into it: a secret setting holds a reference
 * that Kafka's config providers resolve when each client starts, on the machine that runs it,
 * such as {@code sasl.jaas.config=${file:/run/secrets/kafka.properties:sasl.jaas.config}} or
 * {@code ${env:OUTCRY_KAFKA_JAAS}}. The {@code file} and {@code env} providers are enabled unless
 * the file configures its own {@code config.providers}.
 */
public final class KafkaClientProperties {

    /** Settings whose values are secrets: they may only hold a config-provider reference. */
    private static final Set<String> SECRETS = Set.of(
            "sasl.jaas.config",
            "ssl.key.password",
            "ssl.keystore.password",
            "ssl.truststore.password",
            "ssl.keystore.key",
            "sasl.oauthbearer.assertion.private.key.passphrase",
            "sasl.oauthbearer.client.credentials.client.secret");

    /** Settings Outcry gives each client itself, with the option that sets them. */
    private static final Map<String, String> OWNED = Map.of(
            "bootstrap.servers", "give the brokers with --bootstrap-servers",
            "group.id", "give the consumer group with --group-id",
            "transactional.id", "Outcry names each sink's transactions itself",
            "key.serializer", "Outcry serializes its own records",
            "value.serializer", "Outcry serializes its own records",
            "key.deserializer", "Outcry reads its own records",
            "value.deserializer", "Outcry reads its own records");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]+:[^}]*}");

    private KafkaClientProperties() {
    }

    /**
     * Reads and checks {@code file}; the result is what every client of a job gets, providers included.
     *
     * @throws IllegalArgumentException with one line naming the file, the setting and the fix
     */
    public static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-properties " + file + ": cannot read it as a properties file ("
                    + e.getMessage() + "); give a readable file of key=value lines");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).strip()));
        return checked(settings, "--kafka-properties " + file);
    }

    private static Map<String, String> checked(Map<String, String> settings, String source) {
        Map<String, String> result = new TreeMap<>(settings);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            if (OWNED.containsKey(key)) {
                throw new IllegalArgumentException(source + ": remove " + key + " (" + OWNED.get(key) + ")");
            }
            if (SECRETS.contains(key) && !REFERENCE.matcher(setting.getValue()).find()) {
                throw new IllegalArgumentException(source + ": " + key + " holds a secret in clear, which would travel"
                        + " inside the job; keep it in a file or an environment variable and write "
                        + key + "=${file:/path/to/secrets.properties:" + key + "} or " + key + "=${env:VARIABLE}");
            }
        }
        if (!result.containsKey("config.providers")) {
            result.put("config.providers", "file,env");
            result.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            result.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        }
        return Collections.unmodifiableMap(result);
    }
}
