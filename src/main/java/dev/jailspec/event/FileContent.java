package dev.jailspec.event;

import java.util.Objects;

/** What the harness wrote to a file on the host: text it made, or a local file it copied there. */
public sealed interface FileContent {
    /** Text the harness made, e.g. the jail's jail.conf. */
    record Text(String text) implements FileContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A copy of {@code localFile} (an image from the download cache), {@code bytes} long. */
    record Copied(String localFile, long bytes) implements FileContent {
        public Copied {
            Objects.requireNonNull(localFile, "localFile");
        }
    }
}
