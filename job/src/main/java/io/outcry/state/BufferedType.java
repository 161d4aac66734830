package io.outcry.state;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A type whose serializer is Flink's own for it, {@linkplain BufferedSerializer buffered}: for
 * state of many small records, which checkpoints write whole. Where a state descriptor or a
 * window's accumulator takes a {@code TypeInformation}, {@code BufferedType.of(type)} stands in.
 */
public final class BufferedType<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<T> type;

    private BufferedType(TypeInformation<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> BufferedType<T> of(TypeInformation<T> type) {
        return new BufferedType<>(type);
    }

    public static <T> BufferedType<T> of(Class<T> type) {
        return of(TypeInformation.of(type));
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new BufferedSerializer<>(type.createSerializer(config));
    }

    @Override
    public boolean isBasicType() {
        return type.isBasicType();
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type.getTypeClass();
    }

    /** A key too, when the wrapped type is one: its bytes are the wrapped serializer's, and keys hash as objects. */
    @Override
    public boolean isKeyType() {
        return type.isKeyType();
    }

    @Override
    public String toString() {
        return "Buffered<" + type + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferedType<?> that && type.equals(that.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof BufferedType;
    }
}
