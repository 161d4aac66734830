package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * Creates the Elasticsearch client the sink uses: {@code elasticsearch-java} on the low-level
 * REST client, which round-robins over the given nodes. Close it when done.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    /** @param urls one or more node URLs, e.g. {@code http://127.0.0.1:9200} */
    public static ElasticsearchClient create(List<String> urls) {
        RestClient restClient = RestClient.builder(hosts(urls)).build();
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    static HttpHost[] hosts(List<String> urls) {
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
            hosts[i] = HttpHost.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
        return hosts;
    }
}
