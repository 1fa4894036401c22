package dev.jailspec.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /proc/self/mountinfo} as Linux documents it (proc(5)): {@code ID PARENT MAJ:MIN ROOT
 * MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS}. FreeBSD's linprocfs fills the
 * same fields (linprocfs_doprocmountinfo), naming its own file systems as Linux does
 * ({@code proc}, {@code sysfs}).
 */
public final class Mountinfo {
    /** One mount: where, which type, from what, with which per-mount options. */
    public record Entry(String mountPoint, String fsType, String source, List<String> options) {
        public Entry {
            Objects.requireNonNull(mountPoint, "mountPoint");
            Objects.requireNonNull(fsType, "fsType");
            Objects.requireNonNull(source, "source");
            options = List.copyOf(options);
        }
    }

    private Mountinfo() {
    }

    /** Every line; one that lacks the {@code -} separator or a field is refused, quoting the line. */
    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int sep = List.of(f).indexOf("-");
            if (sep < 6 || f.length < sep + 3) {
                throw new IllegalArgumentException("not a /proc/self/mountinfo line (ID PARENT MAJ:MIN ROOT MOUNTPOINT"
                        + " OPTIONS ... - FSTYPE SOURCE SUPEROPTIONS): '" + line + "'");
            }
            out.add(new Entry(unescape(f[4]), f[sep + 1], unescape(f[sep + 2]), List.of(f[5].split(","))));
        }
        return out;
    }

    /** proc(5): spaces, tabs, newlines and backslashes in paths are written as octal escapes ({@code \040}). */
    static String unescape(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() + 0 && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
