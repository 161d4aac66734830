package io.outcry.connectors.secrets;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Outcry's settings name a secret without holding it: {@code ${env:VARIABLE}},
 * {@code ${file:/path}} (a whole file, as Kubernetes mounts a secret) or
 * {@code ${file:/path:key}} (a key of a properties file, the syntax of Kafka's config providers).
 * A setting carries the reference into the job; each TaskManager resolves it where it builds its
 * client, so the secret is in neither the command line, the job graph nor its configuration.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(file|env):([^}]*)}");

    private SecretReferences() {}

    /** Whether {@code value} is one reference and nothing else. */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.strip()).matches();
    }

    /** Whether {@code value} holds a reference anywhere. */
    public static boolean holdsReference(String value) {
        return value != null && REFERENCE.matcher(value).find();
    }

    /**
     * {@code value} with every reference replaced by what it names on this machine.
     *
     * @param what what the value is, for the message, e.g. "Elasticsearch setting password"
     * @throws IllegalArgumentException naming {@code what} and the file or variable that is
     *     missing, never a secret
     */
    public static String resolve(String what, String value, UnaryOperator<String> env) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String target = reference.group(2);
            String replacement = reference.group(1).equals("env") ? variable(what, target, env) : fileEntry(what, target);
            reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(result);
        return result.toString();
    }

    /** The same, with this process's environment. */
    public static String resolve(String what, String value) {
        return resolve(what, value, System::getenv);
    }

    private static String variable(String what, String name, UnaryOperator<String> env) {
        String value = env.apply(name);
        if (value == null) {
            throw new IllegalArgumentException(what + " refers to environment variable " + name
                    + ", which is not set on this machine; set it where the job runs (every TaskManager)");
        }
        return value;
    }

    private static String fileEntry(String what, String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            try {
                return Files.readString(Path.of(target), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw unreadable(what, target, e);
            }
        }
        Path file = Path.of(target.substring(0, colon));
        String entry = target.substring(colon + 1);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(what, file.toString(), e);
        }
        String value = properties.getProperty(entry);
        if (value == null) {
            throw new IllegalArgumentException(what + " refers to key " + entry + " of " + file
                    + ", which has no such key; add " + entry + "=... to it");
        }
        return value.strip();
    }

    private static IllegalArgumentException unreadable(String what, String file, Exception e) {
        return new IllegalArgumentException(what + " refers to file " + file + ", which cannot be read on this machine ("
                + e.getClass().getSimpleName() + "); make it readable where the job runs (every TaskManager)");
    }
}
