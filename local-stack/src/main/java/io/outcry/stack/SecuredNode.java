package io.outcry.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What makes a local node secured: its certificates, its file-realm users and roles, and the
 * settings that switch on security and HTTPS. Everything is written into the node's copy of the
 * distribution before it starts, as an operator would.
 */
final class SecuredNode {

    /** Security on, HTTPS with the node certificate; the transport stays plain on a single loopback node. */
    static final List<String> SETTINGS = List.of(
            "-Expack.security.http.ssl.enabled=true",
            "-Expack.security.http.ssl.certificate=node.crt",
            "-Expack.security.http.ssl.key=node.key");

    /** A directory where nodes share one CA and node certificate instead of making theirs; see {@link #certificates}. */
    static final String CERTIFICATES_PROPERTY = "outcry.stack.certificates";

    private static final int PBKDF2_COST = 10_000;

    private final Path caCertificate;
    private final String caFingerprint;
    private final String adminPassword;

    private SecuredNode(Path caCertificate, String caFingerprint, String adminPassword) {
        this.caCertificate = caCertificate;
        this.caFingerprint = caFingerprint;
        this.adminPassword = adminPassword;
    }

    /**
     * Makes a CA and a node certificate with {@code elasticsearch-certutil} in {@code base} (or
     * takes those of {@link #CERTIFICATES_PROPERTY}), and writes them, {@code rolesYaml} and the users into {@code home}'s config directory (the
     * node reads TLS files only from there).
     */
    static SecuredNode configure(Path home, Path base, Path log, String rolesYaml, List<LocalElasticsearch.User> users)
            throws IOException {
        Path certs = certificates(home, base, log);
        Path ca = certs.resolve("ca").resolve("ca.crt");

        Path config = home.resolve("config");
        // The CA goes after the node certificate, so that clients pinning the CA's fingerprint find it in the chain.
        Files.writeString(config.resolve("node.crt"), Files.readString(certs.resolve("node").resolve("node.crt"))
                + Files.readString(ca));
        Files.copy(certs.resolve("node").resolve("node.key"), config.resolve("node.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(config.resolve("roles.yml"), rolesYaml);

        String adminPassword = UUID.randomUUID().toString();
        List<LocalElasticsearch.User> all = new ArrayList<>(users);
        all.add(new LocalElasticsearch.User(LocalElasticsearch.ADMIN_USER, adminPassword, List.of("superuser")));
        StringBuilder usersFile = new StringBuilder();
        StringBuilder usersRoles = new StringBuilder();
        for (LocalElasticsearch.User user : all) {
            usersFile.append(user.name()).append(':').append(pbkdf2(user.password())).append('\n');
            for (String role : user.roles()) {
                usersRoles.append(role).append(':').append(user.name()).append('\n');
            }
        }
        Files.writeString(config.resolve("users"), usersFile);
        Files.writeString(config.resolve("users_roles"), usersRoles);

        Path publicCa = base.resolve("ca.crt");
        Files.copy(ca, publicCa, StandardCopyOption.REPLACE_EXISTING);
        return new SecuredNode(publicCa, fingerprint(publicCa), adminPassword);
    }

    Path caCertificate() {
        return caCertificate;
    }

    String caFingerprint() {
        return caFingerprint;
    }

    String adminPassword() {
        return adminPassword;
    }

    String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (LocalElasticsearch.ADMIN_USER + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** TLS trusting only this node's CA, for the readiness probe. */
    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the CA at " + caCertificate, e);
        }
    }

    /**
     * The directory holding {@code ca/ca.crt}, {@code node/node.crt} and {@code node/node.key}: made
     * in {@code base} for this start, or, when the system property {@value #CERTIFICATES_PROPERTY}
     * names a directory, made there once and reused by every node that names it. The build's tests
     * name one per build: each pair costs two {@code elasticsearch-certutil} JVMs, 5 to 12 s each
     * on a busy two-core machine, and a build starts three secured nodes in three JVMs.
     */
    private static Path certificates(Path home, Path base, Path log) throws IOException {
        String shared = System.getProperty(CERTIFICATES_PROPERTY, "");
        if (shared.isBlank()) {
            Path certs = base.resolve("certs");
            make(home, log, certs);
            return certs;
        }
        Path dir = Path.of(shared).toAbsolutePath();
        synchronized (SecuredNode.class) {
            // the directory appears whole, by a rename, so one that exists is complete
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-");
                make(home, log, fresh);
                try {
                    Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException anotherJvmWasFirst) {
                    if (!Files.isDirectory(dir)) {
                        throw anotherJvmWasFirst;
                    }
                    deleteTree(fresh);
                }
            }
        }
        return dir;
    }

    /** A CA and a node certificate for 127.0.0.1 and localhost signed by it, made by {@code elasticsearch-certutil} in {@code certs}. */
    private static void make(Path home, Path log, Path certs) throws IOException {
        Files.createDirectories(certs);
        Path caZip = certs.resolve("ca.zip");
        Path nodeZip = certs.resolve("node.zip");
        Files.deleteIfExists(caZip);
        Files.deleteIfExists(nodeZip);
        certutil(home, log, "ca", "--pem", "--out", caZip.toString());
        unzip(caZip, certs);
        certutil(home, log, "cert", "--pem", "--ca-cert", certs.resolve("ca").resolve("ca.crt").toString(),
                "--ca-key", certs.resolve("ca").resolve("ca.key").toString(),
                "--name", "node", "--ip", "127.0.0.1", "--dns", "localhost", "--out", nodeZip.toString());
        unzip(nodeZip, certs);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void certutil(Path home, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "ES_JAVA_HOME=" + System.getProperty("java.home"),
                home.resolve("bin").resolve("elasticsearch-certutil").toString()));
        command.addAll(List.of(args));
        command.add("--silent");
        ChildProcess.run("elasticsearch-certutil " + args[0], command, log);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(zip + " holds an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String fingerprint(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate " + pem, e);
        }
    }

    /**
     * A password hash in the file realm's {@code {PBKDF2}} format (PBKDF2-HMAC-SHA512, 32-byte
     * salt and key), which the JDK can compute: {@code elasticsearch-users} would start a JVM per user.
     */
    private static String pbkdf2(String password) {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, PBKDF2_COST, 256)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "{PBKDF2}" + PBKDF2_COST + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA512", e);
        }
    }
}
