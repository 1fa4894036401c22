package dev.jailspec.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * cat(1) without options (bin/cat; not in freebsd-facts): files in order, or standard input when
 * there are none; {@code cat: X: No such file or directory} / {@code Is a directory}, status 1.
 */
final class CatTool implements SimTool {

    @Override
    public String name() {
        return "cat";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/cat");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> files = inv.args();
        if (!files.isEmpty() && files.get(0).startsWith("-") && !files.get(0).equals("-")) {
            if (files.get(0).equals("--")) {
                files = files.subList(1, files.size());
            } else {
                throw new SimUnsupportedException("cat options (" + files.get(0) + ")");
            }
        }
        if (files.isEmpty()) {
            inv.out().out(new String(inv.stdin(), StandardCharsets.UTF_8));
            return 0;
        }
        int status = 0;
        for (String f : files) {
            if (f.equals("-")) {
                inv.out().out(new String(inv.stdin(), StandardCharsets.UTF_8));
                continue;
            }
            Path real;
            try {
                real = inv.fs().resolve(inv.abs(f));
            } catch (IOException e) {
                inv.err("cat: " + f + ": " + Errno.of(e));
                status = 1;
                continue;
            }
            if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                inv.err("cat: " + f + ": " + Errno.ENOENT);
                status = 1;
            } else if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                inv.err("cat: " + f + ": " + Errno.EISDIR);
                status = 1;
            } else {
                inv.out().out(new String(Files.readAllBytes(real), StandardCharsets.UTF_8));
            }
        }
        return status;
    }
}
