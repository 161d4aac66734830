package io.outcry.detect;

import io.outcry.window.WindowResult;
import java.util.Arrays;
import java.util.List;

/**
 * One (region, topic) cell of a brand's window as the detector keeps it: its distinct voices
 * as a sorted {@code long[]}, and the whole window result only until the window is judged.
 * A judged window stays in state for the allowed lateness, and all a late revision needs of
 * it is who complained where; dropping the rest keeps the detector's long-lived state (and
 * the garbage collector's copying) small. A mutable POJO kept in Flink state.
 */
public class BrandCell {

    public String regionCode;
    public String regionName;
    public String topic;
    public int revision;
    /** Distinct voice hashes, ascending. */
    public long[] voices;
    /** The cell's latest result while its window awaits judgement; null once judged. */
    public WindowResult result;

    public BrandCell() {}

    static BrandCell of(WindowResult result) {
        BrandCell cell = new BrandCell();
        cell.regionCode = result.regionCode();
        cell.regionName = result.regionName();
        cell.topic = result.topic();
        cell.revision = result.revision();
        cell.voices = distinctSorted(result.evidence().voiceIds());
        cell.result = result;
        return cell;
    }

    private static long[] distinctSorted(List<Long> ids) {
        long[] voices = new long[ids.size()];
        for (int i = 0; i < voices.length; i++) {
            voices[i] = ids.get(i);
        }
        Arrays.sort(voices);
        int distinct = distinct(voices, voices.length);
        return distinct == voices.length ? voices : Arrays.copyOf(voices, distinct);
    }

    /** Distinct voices over the cells: an author complaining in two of them counts once. */
    static int distinctVoices(List<BrandCell> cells) {
        if (cells.size() == 1) {
            return cells.get(0).voices.length;
        }
        int length = 0;
        for (BrandCell cell : cells) {
            length += cell.voices.length;
        }
        long[] all = new long[length];
        int at = 0;
        for (BrandCell cell : cells) {
            System.arraycopy(cell.voices, 0, all, at, cell.voices.length);
            at += cell.voices.length;
        }
        Arrays.sort(all);
        return distinct(all, length);
    }

    /**
     * Moves the distinct values of the sorted {@code values[0, length)} to its front and
     * returns how many there are.
     */
    static int distinct(long[] values, int length) {
        int kept = 0;
        for (int i = 0; i < length; i++) {
            if (kept == 0 || values[i] != values[kept - 1]) {
                values[kept++] = values[i];
            }
        }
        return kept;
    }
}
