package dev.jailspec.sim;

import dev.jailspec.host.FileStat;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * test(1): file tests ({@code -e -d -f -s -r -w -x -L -h}), string tests ({@code -n -z = !=})
 * and {@code !}, decided by argument count as POSIX specifies. Exit 0 true, 1 false, 2 error
 * (bin/test; not in freebsd-facts).
 */
final class TestTool implements SimTool {
    private static final Set<String> UNARY = Set.of("-e", "-d", "-f", "-s", "-r", "-w", "-x", "-L", "-h", "-n", "-z");
    private static final Set<String> BINARY = Set.of("=", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge");

    private static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/test");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        try {
            return evaluate(inv, inv.args()) ? 0 : 1;
        } catch (SyntaxError e) {
            inv.err("test: " + e.getMessage());
            return 2;
        }
    }

    private boolean evaluate(Invocation inv, List<String> a) throws IOException, SyntaxError {
        switch (a.size()) {
            case 0:
                return false;
            case 1:
                return !a.get(0).isEmpty();
            case 2:
                if (a.get(0).equals("!")) {
                    return !evaluate(inv, a.subList(1, 2));
                }
                if (UNARY.contains(a.get(0))) {
                    return unary(inv, a.get(0), a.get(1));
                }
                throw new SyntaxError(a.get(0) + ": unexpected operator");
            case 3:
                if (BINARY.contains(a.get(1))) {
                    return binary(a.get(0), a.get(1), a.get(2));
                }
                if (a.get(0).equals("!")) {
                    return !evaluate(inv, a.subList(1, 3));
                }
                throw new SyntaxError(a.get(1) + ": unexpected operator");
            case 4:
                if (a.get(0).equals("!")) {
                    return !evaluate(inv, a.subList(1, 4));
                }
                throw new SimUnsupportedException("test with -a/-o/parentheses: test " + String.join(" ", a));
            default:
                throw new SimUnsupportedException("test with -a/-o/parentheses: test " + String.join(" ", a));
        }
    }

    private static boolean unary(Invocation inv, String op, String arg) throws IOException {
        if (op.equals("-n")) {
            return !arg.isEmpty();
        }
        if (op.equals("-z")) {
            return arg.isEmpty();
        }
        if (arg.isEmpty()) {
            return false;
        }
        String path = inv.abs(arg);
        Optional<FileStat> st = op.equals("-L") || op.equals("-h") ? inv.fs().lstat(path) : inv.fs().stat(path);
        if (st.isEmpty()) {
            return false;
        }
        FileStat s = st.get();
        return switch (op) {
            case "-e", "-r" -> true;
            case "-w" -> true; // root may write anything
            case "-x" -> s.isDirectory() || (s.mode() & 0111) != 0;
            case "-d" -> s.type() == FileStat.Type.DIRECTORY;
            case "-f" -> s.type() == FileStat.Type.FILE;
            case "-s" -> s.size() > 0;
            case "-L", "-h" -> s.type() == FileStat.Type.SYMLINK;
            default -> throw new IllegalStateException(op);
        };
    }

    private static boolean binary(String left, String op, String right) throws SyntaxError {
        switch (op) {
            case "=":
                return left.equals(right);
            case "!=":
                return !left.equals(right);
            default:
                long l = integer(left);
                long r = integer(right);
                return switch (op) {
                    case "-eq" -> l == r;
                    case "-ne" -> l != r;
                    case "-lt" -> l < r;
                    case "-le" -> l <= r;
                    case "-gt" -> l > r;
                    default -> l >= r;
                };
        }
    }

    private static long integer(String s) throws SyntaxError {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new SyntaxError(s + ": bad number");
        }
    }
}
