package io.outcry.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Indexes a stream into Elasticsearch, at least once, without duplicates on replay.
 *
 * <ul>
 *   <li>Each element becomes an {@link ElasticsearchDocument} with a deterministic id, written
 *       as an {@code index} operation: a replay or an update overwrites the same document.</li>
 *   <li>Documents wait in a buffer that holds one version per index and id, so a document that
 *       changes often is written once per flush, not once per change. The buffer is sent before
 *       each checkpoint, at an interval and when half full ({@link BulkLimits}), in bulk
 *       requests, one in flight at a time, without blocking the task thread.</li>
 *   <li>429 and 5xx answers, and lost connections, are retried with backoff ({@link RetryPolicy})
 *       for as long as the outage lasts. Unsent documents are part of the checkpointed state, so
 *       checkpoints keep completing meanwhile; when the bounded buffer is full, backpressure
 *       reaches the source. The job neither fails nor restarts.</li>
 *   <li>A document Elasticsearch refuses for good goes to the {@link RejectedDocumentHandler}
 *       (the dead-letter topic); nothing is dropped silently. A 401, 403 or 404 (bad
 *       credentials, a missing privilege, index or alias) stops the job, without restarts, with
 *       one line naming the index ({@link WriteDeniedException}).</li>
 *   <li>Index templates given to the builder are installed by each writer before it writes,
 *       unless Elasticsearch holds them at an equal or higher version ({@link IndexTemplates});
 *       with a {@link Retention}, some of them reference a lifecycle policy that deletes old
 *       indices, where Elasticsearch has lifecycle management.</li>
 * </ul>
 *
 * <pre>{@code
 * ElasticsearchSink<WindowResult> sink = ElasticsearchSink.<WindowResult>builder()
 *         .hosts("http://127.0.0.1:9200")
 *         .documentMapper(result -> new ElasticsearchDocument("outcry-windows", result.id(), json(result), result.end()))
 *         .indexTemplate("outcry-windows", templateJson)
 *         .rejectedDocumentHandler(deadLetterPublisherFactory)
 *         .build();
 * stream.sinkTo(sink).name("elasticsearch").uid("elasticsearch-sink");
 * }</pre>
 *
 * <p>Writer metrics: {@code documentsIndexed}, {@code documentsRejected}, {@code bulkRequests},
 * {@code bulkRetries}, {@code bulkLatencyMs}, {@code documentsBuffered}, plus Flink's standard
 * sink counters.
 */
public final class ElasticsearchSink<T> implements Sink<T>, SupportsWriterState<T, List<ElasticsearchDocument>> {

    private static final long serialVersionUID = 1L;

    private final List<String> hosts;
    // References to secrets, not the secrets: resolved by each writer when it builds its client.
    private final Map<String, String> clientSettings;
    private final DocumentMapper<T> mapper;
    private final BulkLimits limits;
    private final RetryPolicy retry;
    private final LinkedHashMap<String, String> indexTemplates;
    private final List<Retention> retentions;
    private final RejectedDocumentHandlerFactory rejectedHandlerFactory;
    // The sink every sink made from this one by withMapper shares, itself included.
    private final ElasticsearchSink<ElasticsearchDocument> documents;

    @SuppressWarnings("unchecked")
    private ElasticsearchSink(Builder<T> builder) {
        this.hosts = List.copyOf(builder.hosts);
        this.clientSettings = new TreeMap<>(builder.clientSettings);
        this.mapper = builder.mapper;
        this.limits = builder.limits;
        this.retry = builder.retry;
        this.indexTemplates = new LinkedHashMap<>(builder.indexTemplates);
        this.retentions = List.copyOf(builder.retentions);
        this.rejectedHandlerFactory = builder.rejectedHandlerFactory;
        this.documents = builder.mapper == DocumentMapper.IDENTITY ? (ElasticsearchSink<ElasticsearchDocument>) this
                : new ElasticsearchSink<>(this, (DocumentMapper<ElasticsearchDocument>) DocumentMapper.IDENTITY, null);
    }

    @SuppressWarnings("unchecked")
    private ElasticsearchSink(ElasticsearchSink<?> settings, DocumentMapper<T> mapper, ElasticsearchSink<ElasticsearchDocument> documents) {
        this.hosts = settings.hosts;
        this.clientSettings = settings.clientSettings;
        this.mapper = mapper;
        this.limits = settings.limits;
        this.retry = settings.retry;
        this.indexTemplates = settings.indexTemplates;
        this.retentions = settings.retentions;
        this.rejectedHandlerFactory = settings.rejectedHandlerFactory;
        this.documents = documents != null ? documents : (ElasticsearchSink<ElasticsearchDocument>) this;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * A sink of the same settings for elements of another type. A job that writes several kinds
     * of documents maps each stream with {@link #mapper()} and sends the union to
     * {@link #documents()}: one writer, one client and one dead-letter producer per subtask,
     * and one buffer in which every document is coalesced. Used on its own, it writes as this sink does.
     */
    public <U> ElasticsearchSink<U> withMapper(DocumentMapper<U> mapper) {
        return new ElasticsearchSink<>(this, Objects.requireNonNull(mapper, "mapper"), documents);
    }

    public DocumentMapper<T> mapper() {
        return mapper;
    }

    public BulkLimits bulkLimits() {
        return limits;
    }

    /** The sink of documents that this sink, and every sink made from it by {@link #withMapper}, share. */
    public ElasticsearchSink<ElasticsearchDocument> documents() {
        return documents;
    }

    @Override
    public StatefulSinkWriter<T, List<ElasticsearchDocument>> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, List<ElasticsearchDocument>> restoreWriter(
            WriterInitContext context, Collection<List<ElasticsearchDocument>> unsent) throws IOException {
        ElasticsearchClient client = ElasticsearchClients.create(hosts, clientSettings);
        RejectedDocumentHandler rejectedHandler = null;
        try {
            IndexTemplates.install(client, indexTemplates, retentions);
            rejectedHandler = rejectedHandlerFactory.create();
            return new ElasticsearchSinkWriter<>(
                    mapper,
                    limits,
                    retry,
                    new ElasticsearchBulkSender(new ElasticsearchAsyncClient(client._transport())),
                    rejectedHandler,
                    new BulkMetrics(context.metricGroup()),
                    context.getMailboxExecutor(),
                    context.getProcessingTimeService(),
                    client,
                    unsent);
        } catch (IOException | RuntimeException e) {
            closeQuietly(rejectedHandler, e);
            closeQuietly(client, e);
            throw e;
        }
    }

    @Override
    public SimpleVersionedSerializer<List<ElasticsearchDocument>> getWriterStateSerializer() {
        return new BufferedDocumentsSerializer();
    }

    private static void closeQuietly(AutoCloseable resource, Exception failure) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public static final class Builder<T> {

        private final List<String> hosts = new ArrayList<>();
        private Map<String, String> clientSettings = Map.of();
        private DocumentMapper<T> mapper;
        private BulkLimits limits = BulkLimits.DEFAULT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private final LinkedHashMap<String, String> indexTemplates = new LinkedHashMap<>();
        private final List<Retention> retentions = new ArrayList<>();
        private RejectedDocumentHandlerFactory rejectedHandlerFactory;

        private Builder() {}

        /** Node URLs such as {@code http://127.0.0.1:9200}; requests round-robin over them. */
        public Builder<T> hosts(String... urls) {
            return hosts(List.of(urls));
        }

        public Builder<T> hosts(List<String> urls) {
            ElasticsearchClients.hosts(urls);
            hosts.addAll(urls);
            return this;
        }

        /** Credentials and trust, from {@link ElasticsearchClientSettings#load}; none by default. */
        public Builder<T> clientSettings(Map<String, String> settings) {
            this.clientSettings = Map.copyOf(settings);
            return this;
        }

        /** How each element becomes a document; for a stream of documents, {@link DocumentMapper#IDENTITY}. */
        public Builder<T> documentMapper(DocumentMapper<T> mapper) {
            this.mapper = mapper;
            return this;
        }

        /** Defaults to {@link BulkLimits#DEFAULT}: 1000 documents or 5 MiB per request, 1 s; 100,000 documents or 128 MiB buffered. */
        public Builder<T> bulkLimits(BulkLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Defaults to {@link RetryPolicy#DEFAULT}: backoff from 100 ms to 5 s, for as long as it takes. */
        public Builder<T> retryPolicy(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /**
         * A composable index template with a {@code version}, installed by every writer at start
         * unless Elasticsearch holds it at an equal or higher version. Templates go out in the order given.
         */
        public Builder<T> indexTemplate(String name, String body) {
            IndexTemplates.parse(name, body);
            indexTemplates.put(name, body);
            return this;
        }

        public Builder<T> indexTemplates(Map<String, String> templates) {
            templates.forEach(this::indexTemplate);
            return this;
        }

        /** How long the indices of some of the templates are kept [for ever]; once per horizon. */
        public Builder<T> retention(Retention retention) {
            retentions.add(retention);
            return this;
        }

        /** Where documents Elasticsearch refuses go. Required: the sink never drops a document. */
        public Builder<T> rejectedDocumentHandler(RejectedDocumentHandlerFactory factory) {
            this.rejectedHandlerFactory = factory;
            return this;
        }

        public ElasticsearchSink<T> build() {
            if (hosts.isEmpty()) {
                throw new IllegalStateException(
                        "ElasticsearchSink needs hosts(...), e.g. hosts(\"http://127.0.0.1:9200\")");
            }
            ElasticsearchClients.hosts(hosts, clientSettings);
            if (mapper == null) {
                throw new IllegalStateException(
                        "ElasticsearchSink needs a documentMapper(...) turning each element into a document");
            }
            if (limits == null || retry == null) {
                throw new IllegalStateException("ElasticsearchSink bulkLimits and retryPolicy must not be null");
            }
            if (rejectedHandlerFactory == null) {
                throw new IllegalStateException("ElasticsearchSink needs a rejectedDocumentHandler(...): documents"
                        + " Elasticsearch refuses must go somewhere, e.g. the dead-letter topic");
            }
            Set<String> kept = new HashSet<>();
            for (Retention retention : retentions) {
                if (!indexTemplates.keySet().containsAll(retention.templates())) {
                    throw new IllegalStateException("ElasticsearchSink retention names templates " + retention.templates()
                            + " but the sink installs only " + indexTemplates.keySet());
                }
                for (String template : retention.templates()) {
                    if (!kept.add(template)) {
                        throw new IllegalStateException("ElasticsearchSink has two retentions for template " + template);
                    }
                }
            }
            return new ElasticsearchSink<>(this);
        }
    }
}
