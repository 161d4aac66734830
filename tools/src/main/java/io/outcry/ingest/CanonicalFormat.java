package io.outcry.ingest;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.post.CanonicalPostJson;
import java.util.Arrays;

/**
 * {@code canonical}: Outcry's own post JSON ({@code docs/post-schema.md}), checked with the
 * job's parser, so a producer's file can be validated and loaded the same way as a platform's.
 */
public final class CanonicalFormat implements PlatformFormat {

    public static final String NAME = "canonical";
    private final CanonicalPostJson parser = new CanonicalPostJson();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int map(byte[] bytes, int offset, int length, Outcomes out) {
        try {
            out.post(parser.parse(offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length)));
        } catch (InvalidRecordException e) {
            out.deadLetter(e.getMessage());
        }
        return 1;
    }
}
