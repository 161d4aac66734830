package io.outcry.connectors.elasticsearch;

import java.nio.charset.StandardCharsets;

final class Documents {

    private Documents() {}

    static ElasticsearchDocument document(String id) {
        return document(id, 1);
    }

    /** A document of {@code test-index} whose body holds a version, to tell two writes of one id apart. */
    static ElasticsearchDocument document(String id, int version) {
        return new ElasticsearchDocument("test-index", id,
                ("{\"id\":\"" + id + "\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8),
                1_700_000_000_000L);
    }
}
