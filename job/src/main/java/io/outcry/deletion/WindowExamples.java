package io.outcry.deletion;

import io.outcry.index.WindowDocuments;
import io.outcry.window.WindowResult;
import java.util.List;
import java.util.Set;

/** A window result shows its example posts; its key is its document id. */
public final class WindowExamples implements ShowsPosts<WindowResult> {

    private static final long serialVersionUID = 1L;

    @Override
    public String key(WindowResult r) {
        return WindowDocuments.id(r);
    }

    @Override
    public List<String> postIds(WindowResult r) {
        return r.examplePostIds();
    }

    @Override
    public WindowResult without(WindowResult r, Set<String> deleted) {
        List<String> kept = r.examplePostIds().stream().filter(id -> !deleted.contains(id)).toList();
        return new WindowResult(r.brand(), r.regionCode(), r.regionName(), r.countryCode(), r.regionCentre(), r.topic(),
                r.windowStart(), r.windowEnd(), r.posts(), r.complaints(), r.uniqueAuthors(), r.uniqueComplainingAuthors(),
                r.retweets(), r.replies(), r.reach(), r.negativeShare(), kept, r.languages(), r.intents(),
                r.locationSources(), r.evidence(), r.revision());
    }

    @Override
    public long time(WindowResult r) {
        return r.windowEnd();
    }
}
