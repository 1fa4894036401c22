package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DNF 4's column layout without a tty: Output.calcColumns() and Output.fmtColumns() of
 * dnf/cli/output.py (DNF 4.14.0, as Debian bookworm ships it in
 * /usr/lib/python3/dist-packages/dnf/cli/output.py). The widths depend on every row of the table,
 * so a table is laid out whole. Checked against real dnf by RealDnfDifferentialTest.
 */
final class DnfColumns {
    private DnfColumns() {
    }

    /**
     * calcColumns(data, columns, remainder_column, total_width=None, indent): {@code lengths} are
     * each column's value lengths (an empty list for a column whose values are not counted, as
     * list_transaction does for the arch and size). Without a tty real_columns is None: the columns
     * take their widest value when that exceeds 80 columns, else the 80 columns are shared out.
     */
    static int[] calc(List<List<Integer>> lengths, int[] minimum, int remainderColumn, int indent) {
        int cols = lengths.size();
        List<Iterator<Map.Entry<Integer, Integer>>> data = new ArrayList<>();
        List<TreeMap<Integer, Integer>> counts = new ArrayList<>();
        for (List<Integer> col : lengths) {
            TreeMap<Integer, Integer> m = new TreeMap<>();
            col.forEach(len -> m.merge(len, 1, Integer::sum));
            counts.add(m);
        }
        int[] columns = minimum.clone();
        int[] full = new int[cols];
        for (int d = 0; d < cols; d++) {
            full[d] = counts.get(d).isEmpty() ? columns[d] + 1 : counts.get(d).lastKey();
        }
        full[0] += indent;
        if (sum(full) > DnfOutput.COLUMNS) {
            return full;
        }
        int totalWidth = DnfOutput.COLUMNS - (sum(columns) + (cols - 1) + indent);
        if (columns[cols - 1] == 0) {
            totalWidth += 1;
        }
        List<List<int[]>> tups = new ArrayList<>();
        for (TreeMap<Integer, Integer> m : counts) {
            List<int[]> t = new ArrayList<>();
            m.forEach((len, n) -> t.add(new int[] {len, n}));
            tups.add(t);
        }
        while (totalWidth > 0) {
            int helps = 0;
            int val = 0;
            for (int d = 0; d < cols; d++) {
                int thelps = spacesHelp(columns[d], tups.get(d), totalWidth);
                if (thelps == 0) {
                    continue;
                }
                // Python 3's true division: thelps / 2 < helps.
                if (helps != 0 && d == cols - 1 && thelps / 2.0 < helps) {
                    continue;
                }
                if (thelps < helps) {
                    continue;
                }
                helps = thelps;
                val = d;
            }
            if (helps != 0) {
                int diff = tups.get(val).remove(0)[0] - columns[val];
                if (columns[val] == 0 && val == cols - 1) {
                    totalWidth -= 1;
                }
                columns[val] += diff;
                totalWidth -= diff;
                continue;
            }
            int overflowed = (int) tups.stream().filter(t -> !t.isEmpty()).count();
            if (overflowed > 0) {
                int norm = Math.floorDiv(totalWidth, overflowed);
                for (int d = 0; d < cols; d++) {
                    if (!tups.get(d).isEmpty()) {
                        columns[d] += norm;
                        totalWidth -= norm;
                    }
                }
            }
            cols -= 1;
            int norm = Math.floorDiv(totalWidth, cols);
            for (int d = 0; d < cols; d++) {
                columns[d] += norm;
            }
            columns[remainderColumn] += totalWidth - cols * norm;
            totalWidth = 0;
        }
        return columns;
    }

    /** _calc_columns_spaces_helps(): how many values the spaces left on a column would fit. */
    private static int spacesHelp(int current, List<int[]> tups, int left) {
        int ret = 0;
        for (int[] t : tups) {
            if (left < t[0] - current) {
                break;
            }
            ret += t[1];
        }
        return ret;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    /**
     * fmtColumns(columns, msg): a negative width aligns left, a positive one right; a value wider
     * than its column overflows onto a new line indented to the next column. The last column is
     * filled to its width (fill_exact_width), so the line may end in spaces.
     */
    static String fmt(List<String> values, int[] widths, String msg) {
        StringBuilder out = new StringBuilder(msg);
        int total = msg.length();
        for (int i = 0; i < values.size() - 1; i++) {
            String v = values.get(i);
            int width = Math.abs(widths[i]);
            if (widths[i] == 0) {
                out.append(v);
                continue;
            }
            if (v.length() <= width) {
                String pad = " ".repeat(width - v.length());
                out.append(widths[i] < 0 ? v + pad : pad + v).append(' ');
            } else {
                out.append(v).append('\n').append(" ".repeat(total + width + 1));
            }
            total += width + 1;
        }
        String last = values.get(values.size() - 1);
        int width = Math.abs(widths[widths.length - 1]);
        String pad = last.length() >= width ? "" : " ".repeat(width - last.length());
        out.append(widths[widths.length - 1] < 0 ? last + pad : pad + last);
        return out.toString();
    }

    /** select_short_long() of dnf/i18n.py, for the English headings (the short one is shorter). */
    static String shortOrLong(int width, String shortText, String longText) {
        return longText.length() <= width ? longText : shortText;
    }
}
