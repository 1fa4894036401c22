package dev.jailspec.artifact;

import java.util.List;

/** A root file system image fails the policy; each violation has its own message. */
public class RootfsRejectedException extends ArtifactException {
    private final String image;
    private final List<RootfsValidator.Violation> violations;

    public RootfsRejectedException(String image, List<RootfsValidator.Violation> violations) {
        super(message(image, violations));
        this.image = image;
        this.violations = List.copyOf(violations);
    }

    public String image() {
        return image;
    }

    public List<RootfsValidator.Violation> violations() {
        return violations;
    }

    private static String message(String image, List<RootfsValidator.Violation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).message();
        }
        StringBuilder sb = new StringBuilder(image + " is refused for " + violations.size() + " reasons:");
        for (RootfsValidator.Violation v : violations) {
            sb.append("\n- ").append(v.message().replace("\n", "\n  "));
        }
        return sb.toString();
    }
}
