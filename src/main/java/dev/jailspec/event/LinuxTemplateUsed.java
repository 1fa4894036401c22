package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A Linux jail got its userland as a clone of the kept Linux template (jailspec.linux.template=true):
 * the template was built for it ({@link Change#BUILT}), rebuilt because what it was built from changed
 * ({@link Change#REBUILT}, {@code reason} says what), or reused as it was ({@link Change#REUSED}: nothing
 * extracted). {@code image} is the image's file name, {@code cloneDataset} the jail's clone of {@code template}'s
 * snapshot.
 */
public record LinuxTemplateUsed(Instant at, String template, String image, Change change, String cloneDataset, String reason)
        implements JailspecEvent {
    public enum Change { BUILT, REBUILT, REUSED }

    public LinuxTemplateUsed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(cloneDataset, "cloneDataset");
        Objects.requireNonNull(reason, "reason");
        if (change == Change.REBUILT && reason.isBlank()) {
            throw new IllegalArgumentException("a rebuilt Linux template needs the reason it was rebuilt");
        }
    }

    /** One line for the console and the report. */
    public String describe() {
        String what = switch (change) {
            case BUILT -> "Linux template " + template + " built: " + image + " extracted into it once";
            case REBUILT -> "Linux template " + template + " rebuilt from " + image + " (" + reason + ")";
            case REUSED -> "Linux template " + template + " of " + image + " reused: nothing extracted";
        };
        return what + "; the jail's userland is its clone " + cloneDataset;
    }
}
