package dev.jailspec.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of DNF 4's {@code dnf repolist [all|enabled|disabled]}: a header
 * {@code repo id  repo name [status]}, then one repository a line, its id the first word. With
 * the status column ({@code all}, {@code disabled}) the last word is {@code enabled} or
 * {@code disabled}.
 */
public record DnfRepolist(List<Repo> repos) {

    /** One line: {@code status} is "" when the listing has no status column. */
    public record Repo(String id, String name, String status) {
    }

    public DnfRepolist {
        repos = List.copyOf(repos);
    }

    /**
     * Reads the listing; no output at all is no repositories.
     *
     * @throws IllegalArgumentException when the first line is not the header, naming what it is
     */
    public static DnfRepolist parse(String stdout) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return new DnfRepolist(List.of());
        }
        String header = lines.get(0);
        if (!header.startsWith("repo id") || !header.contains("repo name")) {
            throw new IllegalArgumentException("not the output of dnf repolist: its first line is '" + header
                    + "', not the header 'repo id ... repo name'");
        }
        boolean status = header.stripTrailing().endsWith(" status");
        List<Repo> repos = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] idRest = line.strip().split("\\s+", 2);
            String rest = idRest.length > 1 ? idRest[1].strip() : "";
            String state = "";
            if (status) {
                int cut = rest.lastIndexOf(' ');
                state = cut < 0 ? rest : rest.substring(cut + 1);
                rest = cut < 0 ? "" : rest.substring(0, cut).strip();
            }
            repos.add(new Repo(idRest[0], rest, state));
        }
        return new DnfRepolist(repos);
    }

    public List<String> ids() {
        return repos.stream().map(Repo::id).toList();
    }
}
