package io.outcry.connectors.kafka;

import java.nio.charset.StandardCharsets;

/** The smallest real parser: a record is a UTF-8 decimal integer, nothing else. */
final class IntegerParser implements RecordParser<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public Integer parse(byte[] value) throws InvalidRecordException {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw new InvalidRecordException("empty value; send a decimal integer");
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException("'" + text + "' is not an integer; send a decimal integer", e);
        }
    }
}
