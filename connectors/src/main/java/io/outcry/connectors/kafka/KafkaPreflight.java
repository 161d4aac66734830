package io.outcry.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, before a job is submitted, what its tasks would otherwise find out by failing and
 * restarting: that the brokers answer with the client settings given, that the topics the job
 * reads exist and may be read, and that the topics it writes may be written where they exist
 * (a missing one is left to the broker's auto-creation). Every problem is one line naming the
 * brokers or the topic and what to do.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {}

    /**
     * @param properties the client settings of {@code --kafka-properties}, as the job's clients get them
     * @param read       topics the job reads: each must exist and allow READ
     * @param write      topics the job writes: each that exists must allow WRITE
     * @throws IllegalArgumentException with the one line when a check fails
     */
    public static void check(String bootstrapServers, Map<String, String> properties, List<String> read, List<String> write,
            Duration timeout) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            try {
                admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalArgumentException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                        + " s (" + reason(e) + "): check --bootstrap-servers, and --kafka-properties for a secured cluster");
            }
            List<String> topics = new ArrayList<>(read);
            topics.addAll(write);
            for (String topic : topics) {
                Set<AclOperation> allowed;
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic),
                                    new DescribeTopicsOptions().includeAuthorizedOperations(true))
                            .topicNameValues().get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    allowed = description.authorizedOperations();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        if (read.contains(topic)) {
                            throw new IllegalArgumentException("topic '" + topic + "' does not exist at " + bootstrapServers
                                    + ": create it, or name the topic the posts are on");
                        }
                        continue;
                    }
                    throw new IllegalArgumentException("cannot describe topic '" + topic + "' at " + bootstrapServers + " ("
                            + reason(e) + "): grant the job's Kafka user DESCRIBE on it");
                } catch (TimeoutException e) {
                    throw new IllegalArgumentException("Kafka at " + bootstrapServers + " did not describe topic '" + topic
                            + "' within " + timeout.toSeconds() + " s");
                }
                AclOperation needed = read.contains(topic) ? AclOperation.READ : AclOperation.WRITE;
                // null: the broker does not say (no authorizer, or an old broker), so nothing is refused
                if (allowed != null && !allowed.contains(needed) && !allowed.contains(AclOperation.ALL)) {
                    throw new IllegalArgumentException("the job's Kafka user may not " + needed.name() + " topic '" + topic
                            + "' at " + bootstrapServers + " (it may " + allowed + "): grant it " + needed.name());
                }
            }
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AuthenticationException) {
            return "authentication failed: " + cause.getMessage();
        }
        if (cause instanceof AuthorizationException) {
            return "not authorized: " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
