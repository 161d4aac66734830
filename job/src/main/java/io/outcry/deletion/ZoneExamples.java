package io.outcry.deletion;

import io.outcry.zone.ZoneEvent;
import java.util.List;
import java.util.Set;

/** A zone event shows its example posts; its key is the zone id. */
public final class ZoneExamples implements ShowsPosts<ZoneEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public String key(ZoneEvent z) {
        return z.zoneId();
    }

    @Override
    public List<String> postIds(ZoneEvent z) {
        return z.examplePostIds();
    }

    @Override
    public ZoneEvent without(ZoneEvent z, Set<String> deleted) {
        return z.withExamples(z.examples().stream().filter(example -> !deleted.contains(example.id())).toList());
    }

    @Override
    public long time(ZoneEvent z) {
        return z.eventTime();
    }
}
