package io.outcry.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Checks, before a job is submitted, what its sinks would otherwise find out by failing: that
 * Elasticsearch answers with the settings given, and, where security is on, that the user may
 * write the job's indices and, when it manages them, install their templates: one request,
 * {@code _security/user/_has_privileges}, which a node without security refuses. Every problem is one line naming the node or the
 * privilege and what to do. The references in the settings are resolved here, on the submitting
 * machine, for these requests only; the job carries the references, as ever.
 */
public final class ElasticsearchPreflight {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchPreflight() {}

    /**
     * @param indices         the index names or patterns the job writes, e.g. {@code outcry-windows-*}
     * @param manageTemplates whether the job installs its index templates
     * @throws IllegalArgumentException with the one line when a check fails
     */
    public static void check(List<String> urls, Map<String, String> settings, List<String> indices, boolean manageTemplates) {
        String nodes = String.join(",", urls);
        try (RestClient client = ElasticsearchClients.restClient(urls, settings)) {
            Response response;
            try {
                response = client.performRequest(privilegesRequest(indices, manageTemplates));
            } catch (ResponseException refused) {
                int status = refused.getResponse().getStatusLine().getStatusCode();
                if (status == 401) {
                    throw new IllegalArgumentException("Elasticsearch at " + nodes + " refused the job's credentials (HTTP 401): "
                            + "check username and password, or api_key, in --elasticsearch-properties");
                }
                // it answers, without security (no user to ask about): there is nothing to refuse
                return;
            } catch (IOException unreachable) {
                throw new IllegalArgumentException("Elasticsearch at " + nodes + " did not answer ("
                        + unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage()
                        + "): check --elasticsearch, and --elasticsearch-properties for a secured cluster");
            }
            List<String> missing = missing(JSON.readTree(EntityUtils.toString(response.getEntity())));
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the job's Elasticsearch user lacks " + String.join(", ", missing)
                        + ": grant them (the outcry_writer role of docs/operations.md)");
            }
        } catch (IOException reading) {
            throw new IllegalArgumentException("Elasticsearch at " + nodes + " gave an answer the pre-flight cannot read ("
                    + reading.getMessage() + "); run with --no-preflight to skip it");
        }
    }

    private static Request privilegesRequest(List<String> indices, boolean manageTemplates) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (manageTemplates) {
            body.putArray("cluster").add("manage_index_templates");
        }
        ObjectNode index = body.putArray("index").addObject();
        ArrayNode names = index.putArray("names");
        indices.forEach(names::add);
        index.putArray("privileges").add("index");
        Request request = new Request("POST", "/_security/user/_has_privileges");
        request.setJsonEntity(JSON.writeValueAsString(body));
        return request;
    }

    /** What the answer says the user lacks, e.g. {@code index privilege 'index' on 'outcry-a*', 'outcry-b*'}. */
    private static List<String> missing(JsonNode answer) {
        List<String> missing = new ArrayList<>();
        answer.path("cluster").fields().forEachRemaining(privilege -> {
            if (!privilege.getValue().asBoolean()) {
                missing.add("cluster privilege '" + privilege.getKey() + "'");
            }
        });
        Map<String, List<String>> namesLacking = new TreeMap<>();
        answer.path("index").fields().forEachRemaining(name -> name.getValue().fields().forEachRemaining(privilege -> {
            if (!privilege.getValue().asBoolean()) {
                namesLacking.computeIfAbsent(privilege.getKey(), p -> new ArrayList<>()).add("'" + name.getKey() + "'");
            }
        }));
        namesLacking.forEach((privilege, names) -> missing.add("index privilege '" + privilege + "' on " + String.join(", ", names)));
        return missing;
    }
}
