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
        return r.withExamples(r.examples().stream().filter(example -> !deleted.contains(example.id())).toList());
    }

    @Override
    public long time(WindowResult r) {
        return r.windowEnd();
    }
}
