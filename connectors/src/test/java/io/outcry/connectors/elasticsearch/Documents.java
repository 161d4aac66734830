package io.outcry.connectors.elasticsearch;

import java.nio.charset.StandardCharsets;

final class Documents {

    private Documents() {}

    static ElasticsearchDocument document(String id) {
        return new ElasticsearchDocument(
                "test-index", id, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L);
    }
}
