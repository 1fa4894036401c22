package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * GNU test / [ of a Rocky userland: the expressions FreeBSD's test(1) simulation evaluates mean
 * the same in GNU test; its error messages differ, so a syntax error is not guessed. [UNVERIFIED:
 * coreutils' test.c not read; the expressions' meaning is FreeBSD's bin/test (TestTool).]
 */
final class RockyTest implements SimTool {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/test", "/usr/bin/[");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> args = inv.args();
        if (inv.program().endsWith("[")) {
            if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                throw new SimUnsupportedException("GNU [ without its closing ]");
            }
            args = args.subList(0, args.size() - 1);
        }
        Output captured = new Output();
        int status = new TestTool().run(new Invocation("test", args, inv.ctx(), captured, inv.stdin(), inv.cwd()));
        if (status > 1) {
            throw new SimUnsupportedException("GNU test's error message for: test " + String.join(" ", args));
        }
        return status;
    }
}
