package dev.jailspec.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates docs/simulator-sources.md from the code: every {@code [UNVERIFIED: ...]} mark of
 * src/main, what each file of the simulator cites, and the release table's own sources. The page
 * is never edited by hand; {@code SimulatorSourcesPageTest} fails when it is stale.
 */
public final class SimulatorSourcesPage {
    static final Path PAGE = Path.of("docs/simulator-sources.md");
    static final String WRITE_PROPERTY = "sources.page.write";
    static final String REGENERATE = "mvn -B -q test -Dtest=SimulatorSourcesPageTest -D" + WRITE_PROPERTY + "=true";
    private static final Path MAIN = Path.of("src/main/java");
    private static final String SIM = "dev/jailspec/sim/";

    private final List<SourceMarks> files;

    private SimulatorSourcesPage(List<SourceMarks> files) {
        this.files = files;
    }

    /** Reads every Java file under src/main/java of the project in {@code root}. */
    static SimulatorSourcesPage read(Path root) {
        Set<String> corpus = corpusNames(root.resolve("src/test/resources/transcripts"));
        try (Stream<Path> s = Files.walk(root.resolve(MAIN))) {
            return new SimulatorSourcesPage(s.filter(p -> p.toString().endsWith(".java")).sorted()
                    .map(p -> SourceMarks.read(root.resolve(MAIN).relativize(p).toString().replace('\\', '/'), text(p), corpus))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.resolve(MAIN), e);
        }
    }

    List<SourceMarks> files() {
        return files;
    }

    List<SourceMarks.Unverified> unverified() {
        return files.stream().flatMap(f -> f.unverified().stream()).toList();
    }

    List<SourceMarks.Unverified> malformed() {
        return files.stream().flatMap(f -> f.malformed().stream()).toList();
    }

    List<SourceMarks> simulator() {
        return files.stream().filter(f -> f.file().startsWith(SIM)).toList();
    }

    String render() {
        var b = new StringBuilder();
        b.append("# Sources of the simulator\n\n")
                .append("Generated from the code by `dev.jailspec.docs.SimulatorSourcesPage` (src/test); do not edit it.\n")
                .append("`SimulatorSourcesPageTest` fails when it is stale; regenerate it with\n`")
                .append(REGENERATE).append("`.\n\n")
                .append("Every simulated behaviour cites in a comment where it comes from: a file of freebsd-src, openzfs/zfs,\n")
                .append("freebsd/pkg, dnf or libarchive (by its path, at the release tag or commit named beside it), a section of\n")
                .append("`shared/reference/freebsd-facts.md`, or a transcript of `src/test/resources/transcripts`. What could\n")
                .append("not be read at the release modelled is marked `[UNVERIFIED: what]` (docs/ARCHITECTURE.md,\n")
                .append("\"Sources of the simulator\"). This page lists the marks (with the source file cited just before\n")
                .append("each, which it is usually about), then what each file of the simulator cites.\n\n");
        List<SourceMarks.Unverified> marks = unverified();
        b.append("## Unverified (").append(marks.size()).append(" marks in src/main)\n\n")
                .append("| where | about | what is unverified |\n|---|---|---|\n");
        marks.forEach(m -> b.append("| `").append(m.file()).append(':').append(m.line()).append("` | ")
                .append(m.near()).append(" | ").append(md(m.what())).append(" |\n"));
        b.append("\n## What the simulator's files cite\n\n")
                .append("Versions are the release tags, commits and program versions the file's comments name as read (not those\n")
                .append("inside a mark); a file with none names no pinned copy for what it cites.\n\n")
                .append("| file | sources cited | versions named | unverified marks |\n|---|---|---|---|\n");
        for (SourceMarks f : simulator()) {
            if (f.sources().isEmpty() && f.unverified().isEmpty()) {
                continue;
            }
            b.append("| `").append(f.file().substring(SIM.length())).append("` | ").append(list(f.sources()))
                    .append(" | ").append(list(f.versions())).append(" | ")
                    .append(f.unverified().isEmpty() ? "" : Integer.toString(f.unverified().size())).append(" |\n");
        }
        List<String> unpinned = simulator().stream()
                .filter(f -> !f.sources().isEmpty() && f.versions().isEmpty() && f.unverified().isEmpty())
                .map(f -> "`" + f.file().substring(SIM.length()) + "`").toList();
        b.append("\n## Cited at no release tag or commit, and not marked (").append(unpinned.size()).append(" files)\n\n")
                .append("Their sources are named (mostly freebsd-facts sections and transcripts, which give their own\n")
                .append("versions elsewhere), but the")
                .append(" file names no tag or commit for them: the next gaps to close.\n\n")
                .append(String.join(", ", unpinned)).append("\n");
        b.append("\n## Simulator files that cite nothing\n\n")
                .append("The simulator's own plumbing (state, file system, dispatch, output); none of them is a program.\n\n");
        b.append(simulator().stream().filter(f -> f.sources().isEmpty() && f.unverified().isEmpty())
                .map(f -> "`" + f.file().substring(SIM.length()) + "`").collect(Collectors.joining(", "))).append("\n");
        b.append("\n## The release catalogue (`freebsd.FreebsdReleases`)\n\n")
                .append("The dates, version strings, patch levels and OpenZFS versions the simulator and preflight read,")
                .append(" with their sources and what is unconfirmed: [releases.md](releases.md), generated from the")
                .append(" catalogue itself.\n");
        return b.toString();
    }

    private static String list(Set<String> items) {
        return items.stream().map(SimulatorSourcesPage::md).collect(Collectors.joining(", "));
    }

    /** Javadoc's inline tags as Markdown, and the table's separator escaped. */
    static String md(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|literal) ([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}", "`$1`")
                .replaceAll("\\{@link(?:plain)? ([^}]*)\\}", "$1")
                .replaceAll("</?(?:em|i|b|strong|code|li|ul|p)>", "")
                .replace("|", "\\|");
    }

    private static Set<String> corpusNames(Path corpus) {
        try (Stream<Path> s = Files.list(corpus)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the transcript corpus " + corpus, e);
        }
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Writes the page (what {@link #REGENERATE} does). */
    public static void main(String[] args) throws IOException {
        Files.writeString(PAGE, read(Path.of("")).render(), StandardCharsets.UTF_8);
    }
}
