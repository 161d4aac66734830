package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Creates the Elasticsearch clients Outcry uses: {@code elasticsearch-java} on the low-level
 * REST client, which round-robins over the given nodes. This is the one place that turns
 * {@link ElasticsearchClientSettings} into credentials and trust; close what it returns.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    /** @param urls one or more node URLs, e.g. {@code http://127.0.0.1:9200} */
    public static ElasticsearchClient create(List<String> urls) {
        return create(urls, Map.of());
    }

    /**
     * A client with the credentials and trust of {@code settings}, whose references are resolved
     * here, on the machine that builds the client.
     */
    public static ElasticsearchClient create(List<String> urls, Map<String, String> settings) {
        return new ElasticsearchClient(new RestClientTransport(restClient(urls, settings), new JacksonJsonpMapper()));
    }

    /** The low-level client alone, for plain requests (the demo's queries). */
    public static RestClient restClient(List<String> urls, Map<String, String> settings) {
        HttpHost[] hosts = hosts(urls, settings);
        Map<String, String> resolved = ElasticsearchClientSettings.resolve(settings);
        RestClientBuilder builder = RestClient.builder(hosts);
        Header authorization = authorization(resolved);
        if (authorization != null) {
            // Sent with every request rather than after a 401 challenge, so a bulk body goes out once.
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        if (ElasticsearchClientSettings.tls(resolved)) {
            SSLContext ssl = sslContext(resolved);
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        return builder.build();
    }

    static HttpHost[] hosts(List<String> urls) {
        return hosts(urls, Map.of());
    }

    /** The nodes of {@code urls}; HTTPS ones when {@code settings} name a CA or fingerprint to trust. */
    static HttpHost[] hosts(List<String> urls, Map<String, String> settings) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "No Elasticsearch URL given: pass at least one, e.g. http://127.0.0.1:9200");
        }
        HttpHost[] hosts = new HttpHost[urls.size()];
        for (int i = 0; i < hosts.length; i++) {
            String url = urls.get(i);
            if (url == null || !url.matches("https?://[^/\\s]+/?")) {
                throw new IllegalArgumentException("Elasticsearch URL '" + url
                        + "' is not of the form http(s)://host:port, e.g. http://127.0.0.1:9200");
            }
            if (ElasticsearchClientSettings.tls(settings) && url.startsWith("http:")) {
                throw new IllegalArgumentException("Elasticsearch URL '" + url + "' is plain HTTP, but the settings name"
                        + " a CA to trust for HTTPS: write https://" + url.substring("http://".length()));
            }
            hosts[i] = HttpHost.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return hosts;
    }

    private static Header authorization(Map<String, String> settings) {
        String apiKey = settings.get(ElasticsearchClientSettings.API_KEY);
        if (apiKey != null) {
            return new BasicHeader("Authorization", "ApiKey " + apiKey);
        }
        String user = settings.get(ElasticsearchClientSettings.USERNAME);
        if (user == null) {
            return null;
        }
        String credentials = user + ":" + settings.get(ElasticsearchClientSettings.PASSWORD);
        return new BasicHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static SSLContext sslContext(Map<String, String> settings) {
        String caFile = settings.get(ElasticsearchClientSettings.CERTIFICATE_AUTHORITIES);
        try {
            X509TrustManager trust = caFile != null
                    ? trusting(certificates(Path.of(caFile)))
                    : new FingerprintTrustManager(
                            ElasticsearchClientSettings.fingerprint(settings.get(ElasticsearchClientSettings.CA_TRUSTED_FINGERPRINT)));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("Elasticsearch setting " + ElasticsearchClientSettings.CERTIFICATE_AUTHORITIES
                    + " names " + pem + ", which is not a readable PEM file of CA certificates on this machine ("
                    + e.getMessage() + "); put the CA certificate there on every TaskManager");
        }
    }

    /** A trust manager that trusts chains ending in one of {@code anchors}, and only those. */
    private static X509TrustManager trusting(Collection<? extends Certificate> anchors) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        int i = 0;
        for (Certificate anchor : anchors) {
            store.setCertificateEntry("ca-" + i++, anchor);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /**
     * Trusts a chain that holds the certificate of this fingerprint and is valid up to it: the
     * fingerprint picks the trust anchor, and the chain is then checked as usual, so a node cannot
     * pass by merely appending the CA certificate to a chain it did not get signed.
     */
    private static final class FingerprintTrustManager implements X509TrustManager {

        private final byte[] fingerprint;

        FingerprintTrustManager(byte[] fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            List<X509Certificate> upToAnchor = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                upToAnchor.add(certificate);
                if (Arrays.equals(sha256(certificate), fingerprint)) {
                    try {
                        trusting(List.of(certificate)).checkServerTrusted(upToAnchor.toArray(X509Certificate[]::new), authType);
                    } catch (GeneralSecurityException e) {
                        throw e instanceof CertificateException certificateException ? certificateException
                                : new CertificateException(e);
                    }
                    return;
                }
            }
            throw new CertificateException("no certificate of the Elasticsearch node's chain has the SHA-256 fingerprint"
                    + " given in " + ElasticsearchClientSettings.CA_TRUSTED_FINGERPRINT);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Outcry's Elasticsearch client does not accept client connections");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static byte[] sha256(X509Certificate certificate) throws CertificateException {
            try {
                return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
        }
    }
}
