package dev.jailspec.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits and reads INI text such as dnf.conf(5) line by line, so the rest of the file (comments,
 * blank lines, other sections, their order) stays as it was: set {@code key=value} in a
 * {@code [section]}, or list what a section holds.
 */
public final class IniFile {

    private IniFile() {
    }

    /**
     * {@code text} with {@code assignment} ({@code key=value}) set in {@code [section]}: an
     * existing line for the key is replaced, else the line is added after the section's last
     * non-blank line; a missing section is added at the top. Ends with a newline.
     */
    public static String withOption(String text, String section, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0 || assignment.substring(0, eq).isBlank()) {
            throw new IllegalArgumentException("'" + assignment + "' is not an INI assignment: write it as key=value,"
                    + " e.g. max_parallel_downloads=5");
        }
        String key = assignment.substring(0, eq).trim();
        String header = "[" + section + "]";
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : text.lines().toList());
        int start = lines.stream().map(String::trim).toList().indexOf(header);
        if (start < 0) {
            lines.add(0, header);
            lines.add(1, assignment);
            return String.join("\n", lines) + "\n";
        }
        int insertAt = start + 1;
        for (int i = start + 1; i < lines.size() && !lines.get(i).trim().startsWith("["); i++) {
            String t = lines.get(i).trim();
            if (t.contains("=") && t.substring(0, t.indexOf('=')).trim().equals(key)) {
                lines.set(i, assignment);
                return String.join("\n", lines) + "\n";
            }
            if (!t.isEmpty()) {
                insertAt = i + 1;
            }
        }
        lines.add(insertAt, assignment);
        return String.join("\n", lines) + "\n";
    }

    /** The non-blank lines of {@code [section]}, trimmed; empty when there is no such section. */
    public static List<String> section(String text, String section) {
        String header = "[" + section + "]";
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : text.lines().map(String::trim).toList()) {
            if (line.startsWith("[")) {
                in = line.equals(header);
            } else if (in && !line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
