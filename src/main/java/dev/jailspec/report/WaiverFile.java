package dev.jailspec.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code waivers.tsv}: known failures that expire, one per line as four tab-separated
 * fields under the header {@value #HEADER} (with tabs): the scenario's name as written in its
 * feature, the reason, the ticket's http(s) URL, the last day it holds ({@code YYYY-MM-DD}).
 * Lines starting with {@code #} and blank lines are ignored. A file that breaks any of this is
 * refused whole, naming the line: a waiver that silently does not apply would hide nothing and
 * one that silently applies too widely would hide a regression.
 */
public final class WaiverFile {
    /** Where the project keeps it, relative to the project directory. */
    public static final String PATH = "waivers.tsv";
    static final String HEADER = "scenario\treason\tticket\texpires";

    private WaiverFile() {
    }

    /** The waivers of {@code file}; none when it does not exist. */
    public static List<Waiver> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Waiver> parse(Path file, String text) {
        List<Waiver> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean header = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new WaiverFileException(file, n, "the first line must be the header '"
                            + HEADER.replace("\t", "<TAB>") + "', found '" + line.replace("\t", "<TAB>") + "'");
                }
                header = true;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new WaiverFileException(file, n, "expected 4 tab-separated fields (scenario, reason, ticket,"
                        + " expires), found " + f.length);
            }
            String scenario = f[0].strip();
            String reason = f[1].strip();
            if (scenario.isEmpty()) {
                throw new WaiverFileException(file, n, "the scenario is empty");
            }
            if (reason.isEmpty()) {
                throw new WaiverFileException(file, n, "the reason is empty: say why '" + scenario + "' fails");
            }
            Integer before = seen.put(scenario, n);
            if (before != null) {
                throw new WaiverFileException(file, n, "'" + scenario + "' is already waived on line " + before);
            }
            out.add(new Waiver(scenario, reason, ticket(file, n, f[2].strip()), expires(file, n, f[3].strip()), n));
        }
        return List.copyOf(out);
    }

    private static URI ticket(Path file, int n, String text) {
        try {
            URI uri = new URI(text);
            if ((uri.getScheme() == null || !uri.getScheme().matches("https?")) || uri.getHost() == null) {
                throw new WaiverFileException(file, n, "the ticket must be an http(s) URL, found '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new WaiverFileException(file, n, "the ticket is not a URL: " + e.getMessage());
        }
    }

    private static LocalDate expires(Path file, int n, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new WaiverFileException(file, n, "the expiry date must be YYYY-MM-DD, found '" + text + "'");
        }
    }
}
