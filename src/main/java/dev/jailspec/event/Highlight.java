package dev.jailspec.event;

import java.util.List;
import java.util.Objects;

/**
 * What of a command's output a reader of the report wants without opening every command, as the
 * tool that issued the command knows it: dnf's whole output, an os-release file, a zfs listing
 * with named columns. The report only renders what it is told here.
 */
public sealed interface Highlight {
    /** Nothing to show beyond the command's own step. */
    record None() implements Highlight {
    }

    /** stdout and stderr, whatever the exit status (dnf: its errors are what the reader needs). */
    record Output(String title) implements Highlight {
        public Output {
            Objects.requireNonNull(title, "title");
        }
    }

    /** stdout of a successful command under {@code title}, e.g. the path of an os-release file. */
    record Stdout(String title) implements Highlight {
        public Stdout {
            Objects.requireNonNull(title, "title");
        }
    }

    /** Tab-separated rows of a successful command (e.g. {@code zfs list -H -o ...}) under these column names. */
    record Table(String title, List<String> columns) implements Highlight {
        public Table {
            Objects.requireNonNull(title, "title");
            columns = List.copyOf(columns);
        }
    }

    Highlight NONE = new None();
}
