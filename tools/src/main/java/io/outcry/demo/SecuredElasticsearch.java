package io.outcry.demo;

import io.outcry.connectors.elasticsearch.ElasticsearchClientSettings;
import io.outcry.stack.LocalElasticsearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's Elasticsearch with security on, set up as docs/operations.md tells an operator to:
 * the roles of {@code outcry-roles.yml}, a writer for the job and a reader for the queries, each
 * with a password of its own kept in a secrets file that the settings files only reference.
 */
final class SecuredElasticsearch {

    static final String ROLES_RESOURCE = "/elasticsearch/outcry-roles.yml";
    static final String WRITER = "outcry-writer";
    static final String READER = "outcry-reader";

    private final Path dir;
    private final String writerPassword = UUID.randomUUID().toString();
    private final String readerPassword = UUID.randomUUID().toString();

    SecuredElasticsearch(Path dir) {
        this.dir = dir;
    }

    /** The least-privilege roles, as the node's {@code roles.yml}. */
    static String roles() {
        try (InputStream in = SecuredElasticsearch.class.getResourceAsStream(ROLES_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROLES_RESOURCE, e);
        }
    }

    LocalElasticsearch start() throws IOException {
        return LocalElasticsearch.startSecured(dir.resolve("elasticsearch"), roles(), List.of(
                new LocalElasticsearch.User(WRITER, writerPassword, List.of("outcry_writer")),
                new LocalElasticsearch.User(READER, readerPassword, List.of("outcry_reader"))));
    }

    /** Writes the secrets file (owner-only) and one settings file per user, trusting {@code node}'s CA; returns this. */
    SecuredElasticsearch writeSettings(LocalElasticsearch node) throws IOException {
        Path secrets = dir.resolve("elasticsearch-secrets.properties");
        Files.writeString(secrets, WRITER + "=" + writerPassword + "\n" + READER + "=" + readerPassword + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        for (String user : List.of(WRITER, READER)) {
            Files.writeString(settingsFile(user), String.join("\n",
                    ElasticsearchClientSettings.USERNAME + "=" + user,
                    ElasticsearchClientSettings.PASSWORD + "=${file:" + secrets + ":" + user + "}",
                    ElasticsearchClientSettings.CERTIFICATE_AUTHORITIES + "=" + node.caCertificate(),
                    ""));
        }
        return this;
    }

    /** The job's {@code --elasticsearch-properties}. */
    Path writerSettings() {
        return settingsFile(WRITER);
    }

    Map<String, String> readerSettings() {
        return ElasticsearchClientSettings.load(settingsFile(READER));
    }

    /** What a pasted curl needs: the CA, and the reader, whose password curl asks for. */
    String curlOptions(LocalElasticsearch node) {
        return "--cacert " + node.caCertificate() + " -u " + READER;
    }

    Path secretsFile() {
        return dir.resolve("elasticsearch-secrets.properties");
    }

    private Path settingsFile(String user) {
        return dir.resolve(user + ".properties");
    }
}
