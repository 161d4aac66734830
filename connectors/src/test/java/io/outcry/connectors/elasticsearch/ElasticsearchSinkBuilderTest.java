package io.outcry.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkBuilderTest {

    private static final String TEMPLATE = """
            {"index_patterns": ["test-*"], "version": 3, "template": {"mappings": {"properties": {"brand": {"type": "keyword"}}}}}
            """;

    private static ElasticsearchSink.Builder<String> complete() {
        return ElasticsearchSink.<String>builder()
                .hosts("http://127.0.0.1:9200", "http://127.0.0.2:9200/")
                .documentMapper(Documents::document)
                .indexTemplate("test", TEMPLATE)
                .rejectedDocumentHandler(CollectingRejectedHandler::new);
    }

    @Test
    void refusesToBuildWithoutARejectedDocumentHandler() {
        assertThatThrownBy(() -> complete().rejectedDocumentHandler(null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rejectedDocumentHandler");
    }

    @Test
    void refusesToBuildWithoutHosts() {
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder()
                        .documentMapper(Documents::document)
                        .rejectedDocumentHandler(CollectingRejectedHandler::new)
                        .build())
                .hasMessageContaining("hosts(");
    }

    @Test
    void refusesAUrlWithoutScheme() {
        assertThatThrownBy(() -> complete().hosts("127.0.0.1:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'127.0.0.1:9200'")
                .hasMessageContaining("http://127.0.0.1:9200");
    }

    @Test
    void refusesATemplateThatIsNotATemplateBody() {
        assertThatThrownBy(() -> complete().indexTemplate("broken", "{\"index_patterns\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'broken'");
    }

    @Test
    void refusesATemplateWithoutAVersionSinceTemplatesAreInstalledByVersion() {
        assertThatThrownBy(() -> complete().indexTemplate("unversioned", TEMPLATE.replace("\"version\": 3, ", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'unversioned'")
                .hasMessageContaining("\"version\"");
    }

    @Test
    void refusesARetentionOfATemplateTheSinkDoesNotInstall() {
        assertThatThrownBy(() -> complete().retention(new Retention(Duration.ofDays(30), List.of("other"))).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[other]");
    }

    @Test
    void refusesTwoRetentionsOfOneTemplateSinceItsIndicesFollowOnePolicy() {
        assertThatThrownBy(() -> complete().retention(new Retention(Duration.ofDays(30), List.of("test")))
                .retention(new Retention(Duration.ofDays(7), List.of("test"))).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two retentions for template test");
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        ElasticsearchSink<String> sink = complete().retention(new Retention(Duration.ofDays(30), List.of("test"))).build();

        byte[] bytes = InstantiationUtil.serializeObject(sink);

        assertThat(InstantiationUtil.<ElasticsearchSink<String>>deserializeObject(bytes, getClass().getClassLoader()))
                .isNotNull();
    }

    @Test
    void refusesADocumentWithoutId() {
        assertThatThrownBy(() -> new ElasticsearchDocument("index", " ", new byte[0], 0))
                .hasMessageContaining("non-blank id");
    }
}
