package dev.jailspec.provision;

import dev.jailspec.freebsd.LinuxKernelMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Linux ABI's kernel messages about the jail's processes, against the list of those the
 * project expects ({@value #PATH}: one Java regular expression a line, matched against the whole
 * message after {@code linux: jid J pid P (COMMAND): }; {@code #} comments and blank lines ignored).
 * What no pattern matches is unexpected: a call the userland needs that the Linux ABI does not
 * implement.
 */
public record LinuxKernelMessages(List<LinuxKernelMessage> messages, List<LinuxKernelMessage> unexpected) {
    public static final String PATH = "src/test/resources/expected-linux-dmesg.txt";

    public LinuxKernelMessages {
        messages = List.copyOf(messages);
        unexpected = List.copyOf(unexpected);
    }

    static LinuxKernelMessages of(List<LinuxKernelMessage> messages, List<Pattern> expected) {
        List<LinuxKernelMessage> unexpected = messages.stream()
                .filter(m -> expected.stream().noneMatch(p -> p.matcher(m.text()).matches())).toList();
        return new LinuxKernelMessages(messages, unexpected);
    }

    /** The expected patterns of {@code file}; none when it does not exist; a bad pattern is refused naming its line. */
    public static List<Pattern> expected(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                out.add(Pattern.compile(l));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a regular expression: "
                        + e.getDescription() + " in '" + l + "'");
            }
        }
        return out;
    }

    /** For the report: every message, the unexpected ones marked. */
    public String summary(String jail) {
        if (messages.isEmpty()) {
            return "kernel: no linux: messages about jail " + jail;
        }
        StringBuilder sb = new StringBuilder("kernel: " + messages.size() + " linux: message(s) about jail " + jail + ", "
                + unexpected.size() + " not in " + PATH + ":");
        messages.forEach(m -> sb.append("\n  ").append(unexpected.contains(m) ? "UNEXPECTED " : "expected   ").append(m.line()));
        return sb.toString();
    }
}
