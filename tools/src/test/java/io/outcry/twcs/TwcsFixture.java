package io.outcry.twcs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Synthetic twcs exports, written for the tests (no row of the real dataset). */
final class TwcsFixture {

    static final String HEADER = ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

    private TwcsFixture() {}

    static TwcsCsv.Result read(String records) throws IOException {
        return TwcsCsv.read(new ByteArrayInputStream((HEADER + records).getBytes(StandardCharsets.UTF_8)));
    }
}
