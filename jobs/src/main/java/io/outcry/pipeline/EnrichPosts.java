package io.outcry.pipeline;

import io.outcry.enrich.EnrichedPost;
import io.outcry.enrich.Enricher;
import io.outcry.post.Post;
import io.outcry.window.KeyedPost;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Enriches each post and emits one copy per (brand, topic) it is about. Posts that name no
 * brand have nothing to be windowed under: they are counted and go no further.
 */
public class EnrichPosts extends RichFlatMapFunction<Post, KeyedPost> {

    private static final long serialVersionUID = 1L;

    private final EnricherFactory enricherFactory;
    private transient Enricher enricher;
    private transient Counter postsEnriched;
    private transient Counter postsWithoutBrand;

    public EnrichPosts(EnricherFactory enricherFactory) {
        this.enricherFactory = enricherFactory;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        enricher = enricherFactory.create();
        postsEnriched = getRuntimeContext().getMetricGroup().counter("postsEnriched");
        postsWithoutBrand = getRuntimeContext().getMetricGroup().counter("postsWithoutBrand");
    }

    @Override
    public void flatMap(Post post, Collector<KeyedPost> out) {
        EnrichedPost enriched = enricher.enrich(post);
        postsEnriched.inc();
        List<KeyedPost> copies = KeyedPost.fanOut(enriched);
        if (copies.isEmpty()) {
            postsWithoutBrand.inc();
        }
        copies.forEach(out::collect);
    }
}
