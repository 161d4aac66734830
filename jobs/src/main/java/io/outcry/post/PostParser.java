package io.outcry.post;

import io.outcry.connectors.kafka.InvalidRecordException;
import io.outcry.connectors.kafka.RecordParser;

/**
 * Turns one platform's record bytes into a canonical {@link Post}. Each firehose format gets
 * its own implementation; a record that cannot become a valid post is rejected with an
 * {@link InvalidRecordException} whose message says what is wrong, and is dead-lettered.
 */
public interface PostParser extends RecordParser<Post> {

    @Override
    Post parse(byte[] record) throws InvalidRecordException;
}
