package dev.jailspec.artifact;

import java.util.List;

/** The tree extracted from an archive lacks what the archive's inventory says it holds. */
public class ExtractionIncompleteException extends ArtifactException {
    private final String root;
    private final List<String> problems;

    public ExtractionIncompleteException(String root, String message, List<String> problems) {
        super(message);
        this.root = root;
        this.problems = List.copyOf(problems);
    }

    /** The directory the archive was extracted into. */
    public String root() {
        return root;
    }

    /** One line per problem: the path count, then each sampled file that is missing or differs. */
    public List<String> problems() {
        return problems;
    }
}
