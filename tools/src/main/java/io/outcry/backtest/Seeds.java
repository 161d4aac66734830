package io.outcry.backtest;

import java.util.ArrayList;
import java.util.List;

/** The {@code --seeds} value of the backtest commands: ranges and lists such as {@code 1-5} or {@code 3,7,11}. */
final class Seeds {

    private Seeds() {}

    /** @throws NumberFormatException when a part is not a number or a range of numbers */
    static List<Long> parse(String seeds) {
        List<Long> list = new ArrayList<>();
        for (String part : seeds.split(",")) {
            String[] range = part.trim().split("-");
            long from = Long.parseLong(range[0].trim());
            long to = range.length > 1 ? Long.parseLong(range[1].trim()) : from;
            for (long s = from; s <= to; s++) {
                list.add(s);
            }
        }
        return list;
    }
}
