package dev.jailspec.artifact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a tree extracted from an archive with the archive's {@link ArchiveInventory}, so an
 * extraction that stopped early without saying so (a full disk, a killed tar, a quota) fails
 * the run instead of leaving a partial userland behind.
 *
 * <p>Two checks: the tree holds at least as many paths as the archive makes
 * ({@link TreeSample#pathCount()}; more is fine, the directory may hold other things), and each
 * sampled regular file ({@link TreeSample#files()}, up to 64 spread over the whole archive) is
 * there, a regular file, with the size the archive gives it.
 *
 * <pre>{@code
 * ExtractionCheck.require(inventory, "/zdata/jails/lrdev/compat/rocky", tree);
 * }</pre>
 */
public final class ExtractionCheck {
    /** What was checked, for the report. */
    public record Result(String archive, String root, long expectedPaths, long foundPaths, int sampledFiles,
                         List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean isComplete() {
            return problems.isEmpty();
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s holds %,d paths after extracting %s (which makes %,d); "
                            + "%d sampled files checked%s", root, foundPaths, archive, expectedPaths, sampledFiles,
                    problems.isEmpty() ? "" : "; " + problems.size() + " problem(s)");
        }
    }

    private ExtractionCheck() {
    }

    /** Checks {@code root} against {@code inventory}; the problems are in the result. */
    public static Result check(ArchiveInventory inventory, String root, ExtractedTree tree) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(tree, "tree");
        String base = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        TreeSample sample = inventory.tree();
        List<String> problems = new ArrayList<>();
        long found = countPaths(base, tree);
        if (found < sample.pathCount()) {
            problems.add(String.format(Locale.ROOT, "%s holds %,d paths, expected at least %,d (the archive makes %,d)",
                    base, found, sample.pathCount(), sample.pathCount()));
        }
        for (TreeSample.SampledFile f : sample.files()) {
            String path = join(base, f.path());
            Optional<ExtractedTree.Stat> st = tree.stat(path);
            String expected = "expected a regular file of " + f.size() + " bytes";
            if (st.isEmpty()) {
                problems.add(path + ": " + expected + ", found nothing");
            } else if (!st.get().regularFile() || st.get().size() != f.size()) {
                problems.add(path + ": " + expected + ", found " + st.get().describe());
            }
        }
        return new Result(inventory.archive(), base, sample.pathCount(), found, sample.files().size(), problems);
    }

    /** Like {@link #check}, but an incomplete tree is an {@link ExtractionIncompleteException}. */
    public static Result require(ArchiveInventory inventory, String root, ExtractedTree tree) {
        Result r = check(inventory, root, tree);
        if (!r.isComplete()) {
            StringBuilder sb = new StringBuilder(r.root() + " is incomplete after extracting " + r.archive() + ":");
            for (String p : r.problems()) {
                sb.append("\n- ").append(p);
            }
            sb.append("\nThe extraction stopped early or failed without saying so (disk full? quota? tar killed?);"
                    + " remove ").append(r.root()).append(" and run again.");
            throw new ExtractionIncompleteException(r.root(), sb.toString(), r.problems());
        }
        return r;
    }

    /** Every path below {@code root} (the root not counted); symlinks are counted, not followed. */
    static long countPaths(String root, ExtractedTree tree) {
        long count = 0;
        Deque<String> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            String dir = dirs.pop();
            for (String name : tree.list(dir)) {
                count++;
                String path = join(dir, name);
                if (tree.stat(path).map(ExtractedTree.Stat::directory).orElse(false)) {
                    dirs.push(path);
                }
            }
        }
        return count;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
