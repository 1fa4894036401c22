package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of rc.d/jail ({@code service jail start|stop}), freebsd-facts 2.3.
 *
 * <p>Start prints {@code Starting jails:} without a newline, then per jail either {@code " NAME"}
 * (no newline) or {@code " cannot start jail  \"NAME\": "} with a newline followed by the
 * captured jail(8) output, and finally {@code "."} and a newline. So a line that continues the
 * stream looks like {@code [ NAME]...} ending in {@code .} or in the failure marker; every other
 * line is jail(8) text belonging to the last failure. The parser assumes jail(8) never prints a
 * line of that shape (it prefixes its lines with {@code jail: } or the jail name).
 */
public final class ServiceJailParser {
    private static final Pattern REFUSED = Pattern.compile(
            "(?m)^Cannot '(\\w+)' jail\\. Set jail_enable to YES");
    private static final Pattern START_HEADER = Pattern.compile("(?m)^Starting jails:");
    private static final Pattern STOP_HEADER = Pattern.compile("(?m)^Stopping jails:");
    // Names, then either the failure marker (two spaces after "jail"; trailing space may be lost) or the final dot.
    private static final Pattern STREAM = Pattern.compile(
            "((?: [^ ]+)*)(?: cannot start jail  \"([^\"]*)\": ?|(\\.))");

    private ServiceJailParser() {
    }

    public static ServiceJailOutcome parseStart(String stdout, String stderr) {
        List<String> warnings = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (REFUSED.matcher(stdout).find()) {
            return new ServiceJailOutcome(List.of(), List.of(), true, warnings);
        }
        Matcher header = START_HEADER.matcher(stdout);
        if (!header.find()) {
            throw new IllegalArgumentException("no 'Starting jails:' in service jail output: " + stdout);
        }
        String[] lines = stdout.substring(header.end()).split("\n", -1);
        List<String> started = new ArrayList<>();
        List<JailStartFailure> failed = new ArrayList<>();
        String failing = null;
        List<String> text = new ArrayList<>();
        for (int k = 0; k < lines.length; k++) {
            Matcher m = STREAM.matcher(lines[k]);
            boolean stream = (k == 0 || failing != null) && m.matches();
            if (!stream) {
                if (k == 0 && lines[0].isEmpty()) {
                    continue; // nothing after the header on its line
                }
                if (failing == null) {
                    if (k > 0) {
                        break; // after the final dot
                    }
                    failing = "*"; // jail -c of all jails failed: its output follows the header directly
                }
                text.add(lines[k]);
                continue;
            }
            if (failing != null) {
                failed.add(new JailStartFailure(failing, joined(text)));
                failing = null;
                text.clear();
            }
            for (String name : m.group(1).split(" ")) {
                if (!name.isEmpty()) {
                    started.add(name);
                }
            }
            if (m.group(2) != null) {
                failing = m.group(2);
            } else {
                break; // the final dot
            }
        }
        if (failing != null) {
            failed.add(new JailStartFailure(failing, joined(text))); // output ended without the dot
        }
        return new ServiceJailOutcome(started, failed, false, warnings);
    }

    /**
     * Stop output for one requested jail: {@code Stopping jails: NAME.} when it stopped,
     * {@code Stopping jails:.} when it was not running, and {@code Stopping jails: NAME} followed
     * directly (no separator) by jail(8)'s output and a {@code .} line when it is still running.
     */
    public static ServiceJailStopOutcome parseStop(String stdout, String stderr, String name) {
        List<String> warnings = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (REFUSED.matcher(stdout).find()) {
            return new ServiceJailStopOutcome(name, ServiceJailStopOutcome.Status.REFUSED_DISABLED, "", warnings);
        }
        Matcher header = STOP_HEADER.matcher(stdout);
        if (!header.find()) {
            throw new IllegalArgumentException("no 'Stopping jails:' in service jail output: " + stdout);
        }
        String rest = stdout.substring(header.end());
        if (rest.startsWith(".")) {
            return new ServiceJailStopOutcome(name, ServiceJailStopOutcome.Status.NOT_RUNNING, "", warnings);
        }
        if (!rest.startsWith(" " + name)) {
            throw new IllegalArgumentException("service jail stop did not list " + name + ": " + stdout);
        }
        String after = rest.substring(1 + name.length());
        if (after.startsWith(".")) {
            return new ServiceJailStopOutcome(name, ServiceJailStopOutcome.Status.STOPPED, "", warnings);
        }
        String output = after.stripTrailing();
        if (output.endsWith("\n.")) {
            output = output.substring(0, output.length() - 2);
        }
        return new ServiceJailStopOutcome(name, ServiceJailStopOutcome.Status.FAILED, output, warnings);
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines).stripTrailing();
    }
}
