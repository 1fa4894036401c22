package dev.jailspec.sim;

import dev.jailspec.jailconf.ConfFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files jail(8) reads on the simulated host, through the host's chrooted view. */
final class SimConfFiles implements ConfFiles {
    private final SimFileSystem fs;

    SimConfFiles(SimFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public boolean exists(String absPath) {
        try {
            return fs.exists(absPath);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String read(String absPath) {
        try {
            return fs.readText(absPath);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(Errno.of(e), e));
        }
    }

    /** glob(3) over * ? and [...] in any component, results sorted per directory. */
    @Override
    public List<String> glob(String absPattern) {
        List<String> matches = new ArrayList<>();
        List<String> parts = new ArrayList<>(List.of(absPattern.split("/")));
        parts.removeIf(String::isEmpty);
        expand("", parts, 0, matches);
        return matches;
    }

    private void expand(String dir, List<String> parts, int index, List<String> out) {
        if (index == parts.size()) {
            if (exists(dir.isEmpty() ? "/" : dir)) {
                out.add(dir.isEmpty() ? "/" : dir);
            }
            return;
        }
        String part = parts.get(index);
        if (!part.matches(".*[*?\\[].*")) {
            expand(dir + "/" + part, parts, index + 1, out);
            return;
        }
        Pattern regex = Pattern.compile(globToRegex(part));
        for (String name : list(dir.isEmpty() ? "/" : dir)) {
            if (!name.startsWith(".") && regex.matcher(name).matches()) {
                expand(dir + "/" + name, parts, index + 1, out);
            }
        }
    }

    private List<String> list(String dir) {
        try {
            Path real = fs.resolve(dir);
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            try (Stream<Path> s = Files.list(real)) {
                return s.map(p -> p.getFileName().toString()).sorted().toList();
            }
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        sb.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, end);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        sb.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
