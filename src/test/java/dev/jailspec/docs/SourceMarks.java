package dev.jailspec.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one source file's comments say about where its behaviour comes from: the sources it
 * cites, the versions it names, and its {@code [UNVERIFIED: what]} marks (the one format of
 * docs/ARCHITECTURE.md, "Sources of the simulator"). A mark of any other shape is kept as
 * malformed, so the page's test can refuse it.
 */
record SourceMarks(String file, Set<String> sources, Set<String> versions, List<Unverified> unverified,
                   List<Unverified> malformed) {

    static final String MARK = "[UNVERIFIED";

    /**
     * One mark: its line, what it says is unverified (for a malformed one, the text around it), and
     * the source file cited last before it in the same comment, which it is usually about ("" if none).
     */
    record Unverified(String file, int line, String what, String near) {
    }

    /** freebsd-facts 2.4, freebsd-facts §8 */
    private static final Pattern FACTS = Pattern.compile("freebsd-facts(?:\\.md)?,?\\s*(?:§\\s*)?(\\d+(?:\\.\\d+)?)");
    /** transcript jexec/001, transcripts mount-in-jail/001 and mount-linux/001 */
    private static final Pattern TRANSCRIPTS = Pattern.compile(
            "transcripts?\\s+((?:[a-z0-9-]+(?:/\\d{3})?)(?:(?:,\\s*|\\s+and\\s+)[a-z0-9-]+(?:/\\d{3})?)*)");
    /** A file of freebsd-src, openzfs/zfs, dnf or libarchive by its path in the repository. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w/.-])((?:usr\\.sbin|usr\\.bin|sbin|bin|lib|libexec|sys"
            + "|cmd|module|contrib|dnf|doc|plugins|libarchive|tar)/[A-Za-z0-9_.+/-]*[A-Za-z0-9_])");
    /** A file of freebsd/pkg by its path there (libpkg/pkg_repo.c, src/update.c), named as pkg's. */
    private static final Pattern PKG_PATH = Pattern.compile("(?<![\\w/.-])((?:libpkg|src)/[A-Za-z0-9_./-]*[A-Za-z0-9_]\\.(?:c|h|in))\\b");
    /** A source file named alone: kern_jail.c, rc.subr, service.sh, output.py. */
    private static final Pattern FILE = Pattern.compile("(?<![\\w/.-])([A-Za-z_][\\w-]*\\.(?:c|h|py|sh|subr|l|y))\\b");
    /** A differential test that checks the simulator against the real program: RealDnfDifferentialTest. */
    private static final Pattern DIFFERENTIAL = Pattern.compile("\\b(\\w+DifferentialTest)\\b");
    private static final Pattern VERSION = Pattern.compile("releng/\\d+\\.\\d+|(?:freebsd-src|commit)\\s+[0-9a-f]{7,40}\\b"
            + "|freebsd/pkg(?:\\s+tags?)?\\s+\\d+\\.\\d+\\.\\d+|zfs-\\d+\\.\\d+\\.\\d+|DNF \\d+\\.\\d+\\.\\d+|dnf-plugins-core \\d+\\.\\d+\\.\\d+|libarchive \\d+\\.\\d+(?:\\.\\d+)?|@v\\d+\\.\\d+\\.\\d+");

    static SourceMarks read(String file, String source, Set<String> corpusNames) {
        Set<String> sources = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        var unverified = new ArrayList<Unverified>();
        var malformed = new ArrayList<Unverified>();
        for (JavaComments.Comment c : JavaComments.of(source).comments()) {
            String t = c.text();
            find(FACTS, t, m -> sources.add("freebsd-facts §" + m.group(1)));
            find(TRANSCRIPTS, t, m -> {
                for (String name : m.group(1).split(",\\s*|\\s+and\\s+")) {
                    if (corpusNames.contains(name.replaceFirst("/\\d{3}$", ""))) {
                        sources.add("transcript " + name);
                    }
                }
            });
            find(PATH, t, m -> sources.add(m.group(1)));
            find(PKG_PATH, t, m -> sources.add("freebsd/pkg " + m.group(1)));
            find(FILE, t, m -> {
                if (sources.stream().noneMatch(s -> s.endsWith("/" + m.group(1)))) {
                    sources.add(m.group(1));
                }
            });
            find(DIFFERENTIAL, t, m -> sources.add("checked by " + m.group(1)));
            // A version named inside a mark ("not at releng/14.3") is one the file was not read at.
            find(VERSION, marks(file, c, unverified, malformed), m -> versions.add(m.group().replaceAll("\\s+", " ")
                    .replaceFirst("^freebsd/pkg tags? ", "freebsd/pkg ")));
        }
        // A file named alone and also by its path is one source.
        sources.removeIf(s -> !s.contains("/") && !s.startsWith("freebsd-facts") && !s.startsWith("transcript ")
                && sources.stream().anyMatch(o -> o.endsWith("/" + s)));
        return new SourceMarks(file, sources, versions, unverified, malformed);
    }

    /** Collects the comment's marks; returns its text with each well-formed mark blanked out. */
    private static String marks(String file, JavaComments.Comment c, List<Unverified> ok, List<Unverified> bad) {
        String t = c.text();
        var outside = new StringBuilder(t);
        for (int at = t.indexOf("UNVERIFIED"); at >= 0; at = t.indexOf("UNVERIFIED", at + 1)) {
            int line = c.lineAt(at);
            int open = at - 1;
            if (open < 0 || t.charAt(open) != '[' || !t.startsWith(": ", at + "UNVERIFIED".length())) {
                bad.add(new Unverified(file, line, around(t, at), ""));
                continue;
            }
            int depth = 0;
            int close = -1;
            for (int k = open; k < t.length(); k++) {
                char ch = t.charAt(k);
                if (ch == '[') {
                    depth++;
                } else if (ch == ']' && --depth == 0) {
                    close = k;
                    break;
                }
            }
            String what = close < 0 ? "" : t.substring(at + "UNVERIFIED: ".length(), close).strip();
            if (what.isEmpty()) {
                bad.add(new Unverified(file, line, around(t, at), ""));
            } else {
                ok.add(new Unverified(file, line, what, lastSourceBefore(t, open)));
                for (int k = open; k <= close; k++) {
                    outside.setCharAt(k, ' ');
                }
            }
        }
        return outside.toString();
    }

    private static String lastSourceBefore(String t, int end) {
        String last = "";
        int lastAt = -1;
        for (Pattern p : List.of(PATH, PKG_PATH, FILE)) {
            Matcher m = p.matcher(t).region(0, end);
            while (m.find()) {
                if (m.start() > lastAt) {
                    lastAt = m.start();
                    last = m.group(1);
                }
            }
        }
        return last;
    }

    private static String around(String t, int at) {
        return t.substring(Math.max(0, at - 20), Math.min(t.length(), at + 60));
    }

    private static void find(Pattern p, String text, java.util.function.Consumer<Matcher> each) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            each.accept(m);
        }
    }
}
