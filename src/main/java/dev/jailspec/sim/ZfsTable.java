package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as zfs list and zfs get print it: columns separated by two spaces, right-aligned
 * columns padded on the left, the last left-aligned column not padded; with {@code -H} one TAB
 * between fields and no header (freebsd-facts 1.3, 1.4).
 */
final class ZfsTable {
    private final List<String> headers;
    private final List<Boolean> right;
    private final int[] widths;
    private final List<List<String>> rows = new ArrayList<>();

    ZfsTable(List<String> headers, List<Boolean> right, int[] minWidths) {
        this.headers = headers;
        this.right = right;
        this.widths = minWidths.clone();
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], headers.get(i).length());
        }
    }

    /** Adds a row; {@code widen[i]} tells whether the value may widen column i. */
    void add(List<String> row, boolean[] widen) {
        rows.add(row);
        for (int i = 0; i < row.size(); i++) {
            if (widen[i]) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
    }

    void widen(int column, int width) {
        widths[column] = Math.max(widths[column], width);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(boolean scripted) {
        StringBuilder sb = new StringBuilder();
        if (!scripted) {
            line(sb, headers);
        }
        for (List<String> row : rows) {
            if (scripted) {
                sb.append(String.join("\t", row)).append('\n');
            } else {
                line(sb, row);
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String cell = cells.get(i);
            boolean last = i == cells.size() - 1;
            if (right.get(i)) {
                sb.append(" ".repeat(Math.max(0, widths[i] - cell.length()))).append(cell);
            } else if (last) {
                sb.append(cell);
            } else {
                sb.append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length())));
            }
        }
        sb.append('\n');
    }
}
