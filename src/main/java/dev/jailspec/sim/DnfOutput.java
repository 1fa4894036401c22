package dev.jailspec.sim;

import dev.jailspec.sim.DnfPackageUniverse.Pkg;
import dev.jailspec.sim.DnfRepoFiles.Repo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DNF 4's texts laid out for 80 columns (no tty): progress lines, the metadata check, the
 * check-update rows, the transaction table, {@code repolist}, and the errors of an unknown
 * command and of a URL the web does not serve. Apart from the commands so the layout can be
 * checked on its own; the column layout is DNF's own ({@link DnfColumns}).
 */
final class DnfOutput {
    static final int COLUMNS = 80; // dnf's terminal width without a tty
    private static final String RULE = "=".repeat(COLUMNS);

    private DnfOutput() {
    }

    /**
     * MultiFileProgressMeter's end line: the name filled to what is left of 80 columns. The
     * message's closing newline counts in what is left (dnf/cli/progress.py, DNF 4.14.0:
     * {@code left = _term_width() - len(msg)} with msg ending in "\n"), so the name gets 47.
     * DNF 4.14.0 (Debian bookworm) as run by RealDnfDifferentialTest.
     */
    static String progressLine(String text, String speed, String size) {
        String msg = " " + speed + " | " + size + " " + String.format("%9s", "00:00") + "    ";
        int left = COLUMNS - msg.length() - 1;
        String name = text.length() > left ? text.substring(0, left) : String.format("%-" + left + "s", text);
        return name + msg;
    }

    /** str(datetime.timedelta) of whole seconds: {@code 0:05:05}, {@code 1 day, 2:03:04}. */
    static String timedelta(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86400;
        s %= 86400;
        String hms = String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        return days == 0 ? hms : days + (days == 1 ? " day, " : " days, ") + hms;
    }

    /** What dnf prints when no enabled repository's metadata is older than metadata_expire. */
    static String lastCheck(Instant oldest, Instant now) {
        return "Last metadata expiration check: " + timedelta(Duration.between(oldest, now)) + " ago on "
                + DateTimeFormatter.ofPattern("EEE dd MMM yyyy hh:mm:ss a z", Locale.US)
                        .format(oldest.atZone(ZoneId.of("UTC"))) + ".";
    }

    /**
     * The rows of {@code dnf check-update}: name.arch, version, repository in columns laid out
     * over all rows (cli.py _list_cmd_calc_columns(), remainder to the version column), all
     * aligned left, so the last column is filled with spaces to its width.
     */
    static List<String> updateRows(List<Pkg> pkgs) {
        List<Pkg> sorted = pkgs.stream().sorted(java.util.Comparator.comparing(Pkg::name)).toList();
        List<List<Integer>> lengths = List.of(
                sorted.stream().map(p -> (p.name() + "." + p.arch()).length()).toList(),
                sorted.stream().map(p -> p.evr().length()).toList(),
                sorted.stream().map(p -> p.repo().length()).toList());
        int[] c = DnfColumns.calc(lengths, new int[] {1, 1, 0}, 1, 0);
        int[] left = {-c[0], -c[1], -c[2]};
        return sorted.stream().map(p -> DnfColumns.fmt(List.of(p.name() + "." + p.arch(), p.evr(), p.repo()), left, ""))
                .toList();
    }

    /**
     * The transaction table and its summary, from the first rule to the blank line before the
     * question: Output.list_transaction() of dnf/cli/output.py (DNF 4.14.0): the name, version and
     * repository columns from their values' lengths, the arch column as wide as the widest arch,
     * the size right-aligned in at least 5; the long headings where they fit. Each section's rows
     * are sorted by package. Checked against real dnf by RealDnfDifferentialTest.
     */
    static List<String> transactionTable(List<Pkg> install, List<Pkg> deps, List<Pkg> upgrade) {
        List<Pkg> all = new ArrayList<>(install);
        all.addAll(deps);
        all.addAll(upgrade);
        int archWidth = all.stream().mapToInt(p -> p.arch().length()).max().orElse(0);
        int[] c = DnfColumns.calc(List.of(all.stream().map(p -> p.name().length()).toList(), List.of(),
                all.stream().map(p -> p.evr().length()).toList(), all.stream().map(p -> p.repo().length()).toList(),
                List.of()), new int[] {1, archWidth, 1, 1, 5}, 2, 2);
        int[] w = {-c[0], -c[1], -c[2], -c[3], c[4]};
        String rule = "=".repeat(Math.max(COLUMNS, java.util.Arrays.stream(c).sum() + 5));
        List<String> out = new ArrayList<>();
        out.add(rule);
        out.add(DnfColumns.fmt(List.of(DnfColumns.shortOrLong(c[0], "Package", "Package"),
                DnfColumns.shortOrLong(c[1], "Arch", "Architecture"), DnfColumns.shortOrLong(c[2], "Version", "Version"),
                DnfColumns.shortOrLong(c[3], "Repo", "Repository"), DnfColumns.shortOrLong(c[4], "Size", "Size")), w, " "));
        out.add(rule);
        section(out, "Installing:", install, w);
        section(out, "Upgrading:", upgrade, w);
        section(out, "Installing dependencies:", deps, w);
        out.add("");
        out.add("Transaction Summary");
        out.add(rule);
        if (!install.isEmpty() || !deps.isEmpty()) {
            int count = install.size() + deps.size();
            out.add("Install  " + count + " Package" + (count == 1 ? "" : "s"));
        }
        if (!upgrade.isEmpty()) {
            out.add("Upgrade  " + upgrade.size() + " Package" + (upgrade.size() == 1 ? "" : "s"));
        }
        out.add("");
        return out;
    }

    private static void section(List<String> out, String title, List<Pkg> pkgs, int[] w) {
        if (pkgs.isEmpty()) {
            return;
        }
        out.add(title);
        pkgs.stream().sorted(java.util.Comparator.comparing(Pkg::name)).forEach(p -> out.add(
                DnfColumns.fmt(List.of(p.name(), p.arch(), p.evr(), p.repo(), p.size()), w, " ")));
    }

    /**
     * dnf/cli/commands/repolist.py for 80 columns: the id column takes half of what is spare.
     * {@code status} adds the third column (repolist all, repolist disabled). No lines for no repositories.
     */
    static List<String> repolist(List<Repo> shown, boolean status) {
        List<String> out = new ArrayList<>();
        if (shown.isEmpty()) {
            return out;
        }
        int idLen = Math.max("repo id".length(), shown.stream().mapToInt(r -> r.id.length()).max().orElse(0));
        int nmLen = shown.stream().mapToInt(r -> r.displayName().length()).max().orElse(0);
        int stLen = status ? "disabled".length() : 0;
        int left = status ? COLUMNS - (idLen + stLen + 2) : COLUMNS - (idLen + 1);
        if (left < nmLen) {
            nmLen = left;
        } else {
            left -= nmLen;
            idLen += left / 2;
            nmLen += left - left / 2;
        }
        if (status) {
            out.add(String.format("%-" + idLen + "s %-" + nmLen + "s %s", "repo id", "repo name", "status"));
        } else {
            out.add(String.format("%-" + idLen + "s %s", "repo id", "repo name"));
        }
        for (Repo r : shown) {
            if (status) {
                out.add(String.format("%-" + idLen + "s %-" + nmLen + "s %s", r.id, r.displayName(),
                        r.enabled ? "enabled" : "disabled"));
            } else {
                out.add(String.format("%-" + idLen + "s %s", r.id, r.displayName()));
            }
        }
        return out;
    }

    /**
     * format_number() of dnf/cli/format.py (DNF 4.14.0), 1024 a step: an int under 1000 as
     * it is, else one decimal under 9.95, none above ({@code 16 k}, {@code 1.4 M}).
     */
    static String formatNumber(long bytes) {
        String[] symbols = {" ", "k", "M", "G", "T"};
        if (bytes <= 999) {
            return bytes + " " + symbols[0];
        }
        double n = bytes;
        int depth = 0;
        while (n > 999 && depth < symbols.length - 1) {
            n /= 1024.0;
            depth++;
        }
        return String.format(Locale.ROOT, n < 9.95 ? "%.1f %s" : "%.0f %s", n, symbols[depth]);
    }

    /**
     * Output.reportDownloadSize(): {@code Total download size: } and the sum of the packages'
     * sizes (the simulator's sizes are the table's, whole kB, so the sum is theirs).
     */
    static String totalDownloadSize(List<Pkg> pkgs) {
        long bytes = 0;
        for (Pkg p : pkgs) {
            String[] f = p.size().strip().split(" ");
            long unit = switch (f[1]) {
                case "k" -> 1024L;
                case "M" -> 1024L * 1024;
                default -> 1L;
            };
            bytes += Math.round(Double.parseDouble(f[0]) * unit);
        }
        return "Total download size: " + formatNumber(bytes);
    }

    /**
     * One section of the summary after a transaction ({@code Upgraded:}, {@code Installed:}):
     * Output._pto_callback() of dnf/cli/output.py (DNF 4.14.0): the NEVRAs sorted, in as many
     * columns (8 down to 2) as fit in 80 without overflowing, each column filled with spaces; one
     * a line, filled to 78, when none fits. DNF 4.14.0 (Debian bookworm) as run by RealDnfDifferentialTest.
     */
    static List<String> postTransaction(String action, List<String> nevras) {
        List<String> out = new ArrayList<>();
        if (nevras.isEmpty()) {
            return out;
        }
        List<String> msgs = nevras.stream().sorted().toList();
        int[] cols = null;
        for (int num = 8; num >= 2 && cols == null; num--) {
            cols = fitsInCols(msgs, num);
        }
        if (cols == null) {
            cols = new int[] {-(COLUMNS - 2)};
        }
        out.add(action + ":");
        for (int i = 0; i < msgs.size(); i += cols.length) {
            List<String> row = msgs.subList(i, Math.min(msgs.size(), i + cols.length));
            out.add("  " + DnfColumns.fmt(row, java.util.Arrays.copyOf(cols, row.size()), ""));
        }
        out.add("");
        return out;
    }

    /** _fits_in_cols(): the widths of {@code num} columns (negative: aligned left), or null. */
    private static int[] fitsInCols(List<String> msgs, int num) {
        if (msgs.size() < num) {
            return null;
        }
        int left = COLUMNS - ((num - 1) + 2);
        int[] lens = new int[num];
        int col = 0;
        for (String m : msgs) {
            if (m.length() > lens[col]) {
                int diff = m.length() - lens[col];
                if (left <= diff) {
                    return null;
                }
                left -= diff;
                lens[col] = m.length();
            }
            col = (col + 1) % num;
        }
        for (int c = 0; c < num; c++) {
            lens[c] = -(lens[c] + left / num);
        }
        return lens;
    }

    /** DNF 4's cli._parse_commands() for a command it does not have (plugins are enabled). */
    static int noSuchCommand(Invocation inv, String command) {
        inv.err("No such command: " + command + ". Please use /usr/bin/dnf --help");
        inv.err("It could be a DNF plugin command, try: \"dnf install 'dnf-command(" + command + ")'\"");
        return 1;
    }

    /**
     * librepo's answer to a URL the web does not serve, as DNF 4 prints it: four [MIRROR] retries,
     * [FAILED], then the error alone (no "Error: " prefix), exit 1. Wording from a DNF 4 transcript
     * of a wrong RPM Fusion URL (github.com/gmt-china/GMT_docs pull 781); the address is the
     * simulator's.
     */
    static int remoteNotFound(Invocation inv, String url, String file) {
        String status = "Status code: 404 for " + url + " (IP: " + DnfPackageUniverse.REMOTE_ADDRESS + ")";
        for (int i = 0; i < 4; i++) {
            inv.out("[MIRROR] " + file + ": " + status);
        }
        inv.out("[FAILED] " + file + ": " + status);
        inv.err(status);
        return 1;
    }
}
