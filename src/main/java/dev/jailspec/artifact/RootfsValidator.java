package dev.jailspec.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy a root file system must meet before it becomes a jail's userland. Each rule that
 * fails gives its own {@link Violation} with a message that names the image and says what to do.
 *
 * <pre>{@code
 * RootfsValidator.linuxUserland("rocky", "9").require(imageName, inventory);
 * RootfsValidator.safetyOnly().require("base.txz", inventory);
 * }</pre>
 */
public final class RootfsValidator {
    public enum Rule {
        /** An OCI archive was given where a flattened tree was expected. */
        NOT_FLATTENED,
        /** The tree has no {@code etc/os-release}. */
        NO_OS_RELEASE,
        /** {@code ID} or the major {@code VERSION_ID} is not the expected one. */
        WRONG_DISTRIBUTION,
        /** No {@code usr/bin/dnf}: a Minimal-like image. */
        NO_DNF,
        /** Members that would write outside the root, through a symlink, or make device nodes. */
        UNSAFE_ENTRIES
    }

    public record Violation(Rule rule, String message) {
    }

    private final String expectedId;
    private final String expectedMajor;
    private final boolean requireDnf;

    private RootfsValidator(String expectedId, String expectedMajor, boolean requireDnf) {
        this.expectedId = expectedId;
        this.expectedMajor = expectedMajor;
        this.requireDnf = requireDnf;
    }

    /** A Linux userland: os-release {@code ID} and major {@code VERSION_ID} as given, dnf present, safe. */
    public static RootfsValidator linuxUserland(String id, String majorVersion) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(majorVersion, "majorVersion");
        return new RootfsValidator(id, majorVersion, true);
    }

    /** Only the safety rules (e.g. for FreeBSD's base.txz, whose os-release is made at boot). */
    public static RootfsValidator safetyOnly() {
        return new RootfsValidator(null, null, false);
    }

    public List<Violation> check(String image, ArchiveInventory inv) {
        List<Violation> out = new ArrayList<>();
        if (inv.format() == ArchiveFormat.OCI_ARCHIVE) {
            out.add(new Violation(Rule.NOT_FLATTENED, image + " is an OCI image archive (it holds oci-layout,"
                    + " index.json and blobs/), not a root file system: flatten its layers first (OciImage)."));
            return out;
        }
        if (expectedId != null) {
            OsRelease os = inv.osRelease();
            if (!os.isPresent()) {
                out.add(new Violation(Rule.NO_OS_RELEASE, image + " has no etc/os-release: expected a "
                        + expectedId + " " + expectedMajor + " root file system, found no distribution at all."
                        + " Is this the right file?"));
            } else if (!os.id().equals(expectedId) || !os.majorVersion().equals(expectedMajor)) {
                out.add(new Violation(Rule.WRONG_DISTRIBUTION, image + " is the wrong distribution: expected ID="
                        + expectedId + " VERSION_ID=" + expectedMajor + ".x, found " + os.describe()
                        + ". Check the image URL and the configured major version."));
            }
        }
        if (requireDnf && !inv.hasDnf()) {
            String looksLike = inv.has("usr/bin/microdnf") ? " (it has usr/bin/microdnf only)" : "";
            out.add(new Violation(Rule.NO_DNF, image + " has no usr/bin/dnf" + looksLike
                    + ": it looks like the Minimal image. Use the Container-Base image"
                    + suggestBase(image).map(s -> " (" + s + ")").orElse("") + ", which ships dnf."));
        }
        if (!inv.isSafe()) {
            out.add(new Violation(Rule.UNSAFE_ENTRIES, image + " has " + inv.unsafeCount()
                    + " unsafe member(s); extracting it could write outside the jail root or create device nodes."
                    + " First offenders:" + ArchiveInspector.describe(inv.unsafeEntries(), inv.unsafeCount())));
        }
        return out;
    }

    /** Throws {@link RootfsRejectedException} with every violation, or returns quietly. */
    public void require(String image, ArchiveInventory inv) {
        List<Violation> v = check(image, inv);
        if (!v.isEmpty()) {
            throw new RootfsRejectedException(image, v);
        }
    }

    private static Optional<String> suggestBase(String image) {
        String file = image.substring(image.lastIndexOf('/') + 1);
        return file.contains("-Minimal") ? Optional.of(file.replace("-Minimal", "-Base")) : Optional.empty();
    }
}
