package dev.jailspec.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of {@code jailspec.sim.faults}: a command whose argv, joined by single spaces, starts
 * with {@code prefix} does not run as usual but fails, exits with {@code exitCode}, hangs, or
 * prints {@code stderr} and exits 1. Rules are separated by {@code ;}, e.g.
 * {@code zfs clone=exit:1;service jail start=fail;jexec=hang}.
 *
 * <p>The action follows the first {@code =} after which a whole action stands, so a prefix may
 * itself contain {@code =}: {@code sysrc jail_enable=YES=fail} fails {@code sysrc jail_enable=YES}.
 *
 * <p>{@code dying:DURATION} is not a failure: the jail removal it matches, written
 * {@code jail -r NAME} whatever jail(8)'s other options, succeeds, but the jail stays dying for
 * that long, as a jail with sockets still in TIME_WAIT does ({@code jail -r=dying:5s} for every
 * jail, {@code jail -r lrdev=dying:5s} for one).
 *
 * <p>{@code linux-msg:TEXT} is not a failure either: the Linux program it matches runs as usual
 * and the kernel logs TEXT as the Linux ABI's linux_msg() does for a call it does not implement
 * ({@code linux: jid J pid P (COMM): TEXT}), e.g. {@code dnf=linux-msg:unsupported prctl option 1398164801}.
 */
public record FaultRule(String prefix, Action action, int exitCode, String stderr, Duration dying) {

    public enum Action { FAIL, EXIT, HANG, STDERR, DYING, LINUX_MSG }

    private static final Pattern RULE = Pattern.compile(
            "(.+?)=(fail|hang|exit:(\\d{1,3})|stderr:(.+)|dying:([^=;]+)|linux-msg:(.+))", Pattern.DOTALL);
    private static final Pattern ACTION_WORD = Pattern.compile("=(fail|hang|exit:|stderr:|dying:|linux-msg:)");

    public FaultRule {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(dying, "dying");
    }

    /** A rule that is not {@link Action#DYING}. */
    public FaultRule(String prefix, Action action, int exitCode, String stderr) {
        this(prefix, action, exitCode, stderr, Duration.ZERO);
    }

    /** The rules of a {@code jailspec.sim.faults} value; empty parts (";;", a trailing ";") are ignored. */
    public static List<FaultRule> parseAll(String value) {
        List<FaultRule> rules = new ArrayList<>();
        for (String part : value.split(";")) {
            if (!part.isBlank()) {
                rules.add(parse(part.strip()));
            }
        }
        return rules;
    }

    /** Why {@code value} is not a list of rules, or empty when it is one. */
    public static Optional<String> problem(String value) {
        try {
            parseAll(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    static FaultRule parse(String rule) {
        if (rule.indexOf('\n') >= 0 || rule.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("rule '" + printable(rule) + "' contains a line break");
        }
        Matcher m = RULE.matcher(rule);
        if (!m.matches()) {
            Matcher word = ACTION_WORD.matcher(rule);
            String why = rule.indexOf('=') < 0 ? "it has no '=' between the command prefix and the action"
                    : word.find() && word.start() == 0 ? "the command prefix before '=' is empty"
                    : "unknown action '" + rule.substring(rule.lastIndexOf('=') + 1) + "'";
            throw new IllegalArgumentException("rule '" + rule + "': " + why
                    + "; expected <command prefix>=fail|exit:N|hang|stderr:TEXT|dying:DURATION|linux-msg:TEXT");
        }
        String prefix = m.group(1).strip();
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("rule '" + rule + "': the command prefix before '=' is empty");
        }
        String action = m.group(2);
        if (action.equals("fail")) {
            return new FaultRule(prefix, Action.FAIL, 1, "");
        }
        if (action.equals("hang")) {
            return new FaultRule(prefix, Action.HANG, 0, "");
        }
        if (m.group(3) != null) {
            int code = Integer.parseInt(m.group(3));
            if (code < 1 || code > 255) {
                throw new IllegalArgumentException("rule '" + rule + "': exit status " + code
                        + " is not a failure; use 1 to 255");
            }
            return new FaultRule(prefix, Action.EXIT, code, "");
        }
        if (m.group(5) != null) {
            Duration d = Durations.parse(m.group(5).strip()).orElseThrow(() -> new IllegalArgumentException(
                    "rule '" + rule + "': '" + m.group(5) + "' is not a duration; write e.g. dying:5s or dying:500ms"));
            return new FaultRule(prefix, Action.DYING, 0, "", d);
        }
        if (m.group(6) != null) {
            return new FaultRule(prefix, Action.LINUX_MSG, 0, m.group(6));
        }
        return new FaultRule(prefix, Action.STDERR, 1, m.group(4));
    }

    private static String printable(String v) {
        return v.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The rule as written in the setting. */
    @Override
    public String toString() {
        return prefix + "=" + switch (action) {
            case FAIL -> "fail";
            case HANG -> "hang";
            case EXIT -> "exit:" + exitCode;
            case STDERR -> "stderr:" + stderr;
            case DYING -> "dying:" + dying.toMillis() + "ms";
            case LINUX_MSG -> "linux-msg:" + stderr;
        };
    }
}
