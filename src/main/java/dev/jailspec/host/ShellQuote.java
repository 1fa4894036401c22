package dev.jailspec.host;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where an argument becomes an sh(1) word and sh text becomes argv again:
 * {@link ShellScript} builds the runbook's sh text on it, the transcripts quote and split with it,
 * the SSH transport builds each command's remote line with it ({@link #remoteLine}), and argv
 * shown in messages and reports is quoted with it. No local command runs through a shell
 * ({@link LocalHost} starts argv directly).
 */
public final class ShellQuote {

    // Characters that never need quoting in sh(1).
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** Quotes one argument so sh(1) reads it back as exactly one word with the same bytes. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    /**
     * The words sh(1) makes of {@code line} by quote removal alone: blanks separate words; single
     * quotes keep everything; double quotes keep everything but {@code \\}, {@code \"}, {@code \$}
     * and {@code \`}; a backslash outside quotes keeps the next character. Expansions ({@code $},
     * globs, {@code ~}) are not performed, so a line that needs them is refused, as is an unclosed
     * quote: {@code split(join(argv))} is {@code argv} for every argv.
     *
     * @throws IllegalArgumentException naming the line and what in it cannot be split
     */
    public static List<String> split(String line) {
        var words = new java.util.ArrayList<String>();
        var word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed single quote in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("a backslash ends the line: " + line);
                }
                word.append(line.charAt(++i));
            } else if ("$`*?[~|&;<>()".indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' needs a shell to expand or run it, in: " + line);
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    // From just after an opening double quote; returns the index of the closing one.
    private static int doubleQuoted(String line, int from, StringBuilder word) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && "\\\"$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(++i));
            } else if (c == '$' || c == '`') {
                throw new IllegalArgumentException("'" + c + "' inside double quotes needs a shell to expand, in: " + line);
            } else {
                word.append(c);
            }
        }
        throw new IllegalArgumentException("unclosed double quote in: " + line);
    }

    // POSIX names of environment variables a shell can set (XBD 8.1); anything else is a caller's mistake.
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The sh(1) line a remote login shell runs for one command (SSH): {@code cd DIR && exec PREFIX env K=V ARGV},
     * each word quoted. {@code prefix} comes first so that a privilege prefix ({@code sudo -n}), which
     * resets the environment, runs {@code env} and not the other way round; {@code exec} leaves no
     * shell between sshd and the program, so signalling the session reaches the program itself.
     */
    public static String remoteLine(java.util.Optional<String> workingDirectory, List<String> prefix,
                                    java.util.Map<String, String> env, List<String> argv) {
        var words = new java.util.ArrayList<String>(prefix);
        if (!env.isEmpty()) {
            words.add("env");
            new java.util.TreeMap<>(env).forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("environment variable name '" + name
                            + "' is not a shell name (letters, digits, '_', not starting with a digit)");
                }
                words.add(name + "=" + value);
            });
        }
        words.addAll(argv);
        String exec = "exec " + join(words);
        return workingDirectory.map(dir -> "cd " + quote(dir) + " && " + exec).orElse(exec);
    }

    /** A line {@link #remoteLine} made, read back: the directory it changes to, and the words it execs. */
    public record RemoteLine(java.util.Optional<String> workingDirectory, List<String> words) {
        public RemoteLine {
            java.util.Objects.requireNonNull(workingDirectory, "workingDirectory");
            words = List.copyOf(words);
        }
    }

    /**
     * The inverse of {@link #remoteLine}, for a server side that runs such lines without a shell (the
     * simulator behind a test sshd): {@code cd DIR && exec WORDS} or {@code exec WORDS}, each word as
     * {@link #split} reads it. Any other line is refused, naming it.
     *
     * @throws IllegalArgumentException when the line is not of that form
     */
    public static RemoteLine parseRemoteLine(String line) {
        java.util.Optional<String> dir = java.util.Optional.empty();
        String rest = line;
        if (line.startsWith("cd ")) {
            int and = unquotedIndexOf(line, " && ");
            if (and < 0) {
                throw new IllegalArgumentException("not a line of remoteLine (cd without && exec): " + line);
            }
            List<String> cd = split(line.substring(3, and));
            if (cd.size() != 1) {
                throw new IllegalArgumentException("not a line of remoteLine (cd takes one directory): " + line);
            }
            dir = java.util.Optional.of(cd.get(0));
            rest = line.substring(and + 4);
        }
        if (!rest.startsWith("exec ")) {
            throw new IllegalArgumentException("not a line of remoteLine (no exec): " + line);
        }
        List<String> words = split(rest.substring(5));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("not a line of remoteLine (nothing to exec): " + line);
        }
        return new RemoteLine(dir, words);
    }

    // Where `needle` first occurs outside single quotes and escapes (all that quote() makes).
    private static int unquotedIndexOf(String line, String needle) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && !quoted) {
                i++;  // an escaped character, e.g. the quote in '\''
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && line.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
