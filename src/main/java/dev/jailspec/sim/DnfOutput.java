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
 * checked on its own; the column widths of the transaction table are the simulator's.
 */
final class DnfOutput {
    static final int COLUMNS = 80; // dnf's terminal width without a tty
    private static final String RULE = "=".repeat(COLUMNS);

    private DnfOutput() {
    }

    /** MultiFileProgressMeter's end line: the name filled to what is left of 80 columns. */
    static String progressLine(String text, String speed, String size) {
        String msg = " " + speed + " | " + size + " " + String.format("%9s", "00:00") + "    ";
        int left = COLUMNS - msg.length();
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

    /** One row of {@code dnf check-update}. */
    static String updateRow(Pkg p) {
        return String.format("%-40s %-22s %s", p.name() + "." + p.arch(), p.evr(), p.repo());
    }

    /**
     * The transaction table and its summary, from the first rule to the blank line before the
     * question: DNF's headings, sections and summary lines.
     */
    static List<String> transactionTable(List<Pkg> install, List<Pkg> deps, List<Pkg> upgrade) {
        List<Pkg> all = new ArrayList<>(install);
        all.addAll(deps);
        all.addAll(upgrade);
        int n = Math.max(7, all.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        int v = Math.max(7, all.stream().mapToInt(p -> p.evr().length()).max().orElse(0));
        String row = " %-" + n + "s  %-12s  %-" + v + "s  %-10s  %5s";
        List<String> out = new ArrayList<>();
        out.add(RULE);
        out.add(String.format(row, "Package", "Architecture", "Version", "Repository", "Size").stripTrailing());
        out.add(RULE);
        section(out, "Installing:", install, row);
        section(out, "Upgrading:", upgrade, row);
        section(out, "Installing dependencies:", deps, row);
        out.add("");
        out.add("Transaction Summary");
        out.add(RULE);
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

    private static void section(List<String> out, String title, List<Pkg> pkgs, String row) {
        if (pkgs.isEmpty()) {
            return;
        }
        out.add(title);
        for (Pkg p : pkgs) {
            out.add(String.format(row, p.name(), p.arch(), p.evr(), p.repo(), p.size()));
        }
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
