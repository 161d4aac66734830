package io.outcry.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcry.post.Author;
import io.outcry.post.CitedPost;
import io.outcry.time.IsoInstants;
import java.util.List;

/**
 * The example posts of an alert or a zone document, as an on-call person reads them without
 * opening another index: {@code example_post_ids}, and {@code examples} with each one's time,
 * link and text.
 */
final class CitedPosts {

    private CitedPosts() {}

    static void write(ObjectNode doc, List<CitedPost> examples) {
        ArrayNode ids = doc.putArray("example_post_ids");
        examples.forEach(example -> ids.add(example.id()));
        ArrayNode array = doc.putArray("examples");
        for (CitedPost example : examples) {
            ObjectNode node = array.addObject();
            node.put("id", example.id());
            node.put("created_at", IsoInstants.format(example.createdAt()));
            if (example.permalink() != null) {
                node.put("permalink", example.permalink());
            }
            if (example.text() != null) {
                node.put("text", example.text());
            }
            if (example.followers() != Author.UNKNOWN_FOLLOWERS) {
                node.put("followers", example.followers());
            }
            node.put("complaint", example.complaint());
        }
    }
}
