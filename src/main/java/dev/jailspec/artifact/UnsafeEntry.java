package dev.jailspec.artifact;

/** An archive member that must not be extracted as it is, with why. */
public record UnsafeEntry(String path, Kind kind, String detail) {
    public enum Kind {
        ABSOLUTE_PATH("absolute path"),
        PARENT_COMPONENT("'..' in the path"),
        SYMLINK_ESCAPES("symlink pointing outside the root"),
        HARDLINK_ESCAPES("hard link to a path outside the root"),
        THROUGH_SYMLINK("written through a symlink"),
        DEVICE_NODE("device node");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** For messages: {@code "etc/x -> ../../../etc/passwd (symlink pointing outside the root)"}. */
    public String describe() {
        return path + (detail.isEmpty() ? "" : " " + detail) + " (" + kind.text() + ")";
    }
}
