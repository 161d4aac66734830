package io.outcry.connectors.kafka;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns every Kafka record into an {@link Ingested}: the parsed value, or a dead letter that
 * keeps the original bytes, the reason and the record's topic, partition and offset. Never
 * throws on bad input, so one bad record cannot fail or restart the job.
 *
 * <p>Counts what it does in three counters on the source reader's {@code deserializer} metric
 * group: {@value #RECORDS_READ}, {@value #RECORDS_INGESTED} and {@value #RECORDS_DEAD_LETTERED},
 * or, for a second kind of record read beside the first, the same names with another word for
 * {@code records}, so that a sum over the job's counters does not mix them. What is read is
 * counted apart from what it became, so the job's reconciliation starts from a figure of its own.
 */
public final class IngestingDeserializer<T> implements KafkaRecordDeserializationSchema<Ingested<T>> {

    private static final long serialVersionUID = 1L;

    public static final String RECORDS_READ = "recordsRead";
    public static final String RECORDS_INGESTED = "recordsIngested";
    public static final String RECORDS_DEAD_LETTERED = "recordsDeadLettered";

    private final RecordParser<T> parser;
    private final TypeInformation<T> valueType;
    private final String counted;

    private transient Counter read;
    private transient Counter ingested;
    private transient Counter deadLettered;

    public IngestingDeserializer(RecordParser<T> parser, TypeInformation<T> valueType) {
        this(parser, valueType, "records");
    }

    /** @param counted what the counters are named after, e.g. {@code deletions} for {@code deletionsIngested} */
    public IngestingDeserializer(RecordParser<T> parser, TypeInformation<T> valueType, String counted) {
        this.parser = parser;
        this.valueType = valueType;
        this.counted = counted;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        read = context.getMetricGroup().counter(counted + "Read");
        ingested = context.getMetricGroup().counter(counted + "Ingested");
        deadLettered = context.getMetricGroup().counter(counted + "DeadLettered");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested<T>> out) {
        read.inc();
        Ingested<T> result = Ingested.parse(
                parser, record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value());
        (result.isOk() ? ingested : deadLettered).inc();
        out.collect(result);
    }

    @Override
    public TypeInformation<Ingested<T>> getProducedType() {
        return Ingested.typeInfo(valueType);
    }
}
