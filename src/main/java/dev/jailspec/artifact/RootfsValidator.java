package dev.jailspec.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The policy a root file system must meet before it becomes a jail's userland. Each rule that
 * fails gives its own {@link Violation} with a message that names the image and says what to do.
 *
 * <pre>{@code
 * RootfsValidator.linuxUserland(d.osReleaseId(), "9", d.requiredPrograms(), d::withoutProgramsAdvice)
 *         .require(imageName, inventory);
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
        /** A program the distribution's userland must have is missing (for Rocky {@code usr/bin/dnf}: a Minimal-like image). */
        MISSING_PROGRAM,
        /** Members that would write outside the root, through a symlink, or make device nodes. */
        UNSAFE_ENTRIES
    }

    public record Violation(Rule rule, String message) {
    }

    private final String expectedId;
    private final String expectedMajor;
    private final List<String> programs;
    private final BiFunction<String, Predicate<String>, String> advice;

    private RootfsValidator(String expectedId, String expectedMajor, List<String> programs,
                            BiFunction<String, Predicate<String>, String> advice) {
        this.expectedId = expectedId;
        this.expectedMajor = expectedMajor;
        this.programs = List.copyOf(programs);
        this.advice = advice;
    }

    /**
     * A Linux userland: os-release {@code ID} and major {@code VERSION_ID} as given, the distribution's
     * {@code programs} present (paths inside the root, e.g. {@code usr/bin/dnf}), safe. {@code advice}
     * gives what follows "IMAGE has no P" (the image and what the image has): why, and what to use instead.
     * A program must be one the inventory notes ({@link ArchiveInventory#NOTABLE_PATHS}).
     */
    public static RootfsValidator linuxUserland(String id, String majorVersion, List<String> programs,
                                                BiFunction<String, Predicate<String>, String> advice) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(majorVersion, "majorVersion");
        Objects.requireNonNull(advice, "advice");
        for (String p : programs) {
            if (!ArchiveInventory.NOTABLE_PATHS.contains(p)) {
                throw new IllegalArgumentException("the required program " + p + " of " + id + " is not a path the"
                        + " archive inventory notes (ArchiveInventory.NOTABLE_PATHS " + ArchiveInventory.NOTABLE_PATHS
                        + "): add it there and raise InspectionCache.FORMAT_VERSION, so cached inspections note it too");
            }
        }
        return new RootfsValidator(id, majorVersion, programs, advice);
    }

    /** Only the safety rules (e.g. for FreeBSD's base.txz, whose os-release is made at boot). */
    public static RootfsValidator safetyOnly() {
        return new RootfsValidator(null, null, List.of(), (image, has) -> "");
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
        List<String> missing = programs.stream().filter(p -> !inv.has(p)).toList();
        if (!missing.isEmpty()) {
            out.add(new Violation(Rule.MISSING_PROGRAM, image + " has no " + String.join(", ", missing)
                    + advice.apply(image, inv::has)));
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
}
