package dev.jailspec.jailconf;

import java.util.Objects;

/**
 * A comment found between statements, kept with its delimiters ({@code # ...}, {@code // ...}
 * or a block comment) so a rendered file keeps its explanations. Comments inside a statement are
 * not kept.
 */
public record Comment(String text) implements Statement {

    public Comment {
        Objects.requireNonNull(text, "text");
        boolean toEndOfLine = (text.startsWith("#") || text.startsWith("//")) && text.indexOf('\n') < 0;
        boolean block = text.startsWith("/*") && text.endsWith("*/") && text.length() >= 4
                && text.indexOf("*/", 2) == text.length() - 2;
        if (!toEndOfLine && !block) {
            throw new IllegalArgumentException("not a jail.conf comment: " + text);
        }
    }
}
