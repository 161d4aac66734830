package io.outcry.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvRecord> read(byte[] bytes) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(bytes))) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    private static List<CsvRecord> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String raw(CsvRecord record) {
        return new String(record.raw(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsEachRecordsBytesAsWrittenWithoutItsLineEnding() throws IOException {
        List<CsvRecord> records = read("a,\"b, \"\"c\"\"\"\r\n1,\"two\nlines\"\n");
        assertThat(records).extracting(CsvReaderTest::raw).containsExactly("a,\"b, \"\"c\"\"\"", "1,\"two\nlines\"");
        assertThat(records.get(0).fields()).containsExactly("a", "b, \"c\"");
        assertThat(records.get(1).fields()).containsExactly("1", "two\nlines");
    }

    @Test
    void countsLinesInsideQuotesButNotABareCarriageReturn() throws IOException {
        List<CsvRecord> records = read("h\n\"x\ny\"\nbroken\r\rtext\nlast");
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L, 5L);
        assertThat(records.get(2).fields()).containsExactly("broken\r\rtext");
    }

    @Test
    void skipsBlankLinesAndAByteOrderMark() throws IOException {
        List<CsvRecord> records = read("\uFEFFid\n\n1\r\n\r\n2\n");
        assertThat(records).extracting(r -> r.fields().get(0)).containsExactly("id", "1", "2");
        assertThat(raw(records.get(0))).isEqualTo("id");
    }

    @Test
    void aRecordThatIsNotUtf8IsReportedAndTheNextOnesAreStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("1,ok\n2,".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write('(');
        bytes.writeBytes("\n3,ok\n".getBytes(StandardCharsets.UTF_8));
        List<CsvRecord> records = read(bytes.toByteArray());
        assertThat(records).extracting(CsvRecord::readable).containsExactly(true, false, true);
        assertThat(records.get(1).problem()).contains("field 2").contains("UTF-8");
        assertThat(records.get(1).raw()).containsExactly('2', ',', 0xC3, '(');
        assertThat(records.get(2).fields()).containsExactly("3", "ok");
    }

    @Test
    void aQuoteNeverClosedHoldsTheRestOfTheFileAndSaysWhereItOpened() throws IOException {
        List<CsvRecord> records = read("1,ok\n2,\"open\n3,x\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).problem()).contains("opened on line 2").contains("never closed");
        assertThat(raw(records.get(1))).isEqualTo("2,\"open\n3,x\n");
    }
}
