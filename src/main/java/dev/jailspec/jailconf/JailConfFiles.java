package dev.jailspec.jailconf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@link ConfFiles} over a directory tree, or over a map of files held in memory. */
public final class JailConfFiles implements ConfFiles {

    private final Path root;

    private JailConfFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Files under {@code root}, which stands for "/" of a simulated host: {@code /etc/jail.conf}
     * is {@code root.resolve("etc/jail.conf")}; {@code /..} is {@code /}, as on the host.
     */
    public static JailConfFiles under(Path root) {
        return new JailConfFiles(Objects.requireNonNull(root, "root"));
    }

    /** The machine's own file system. */
    public static JailConfFiles realFileSystem() {
        return new JailConfFiles(Path.of("/"));
    }

    /** Files held in memory, absolute path to text; directories are implied by the paths. */
    public static ConfFiles inMemory(Map<String, String> files) {
        return new InMemory(new TreeMap<>(files));
    }

    @Override
    public boolean exists(String absPath) {
        return Files.exists(resolve(absPath));
    }

    @Override
    public String read(String absPath) {
        Path path = resolve(absPath);
        try {
            // jail(8) reads bytes; undecodable ones become U+FFFD rather than an exception.
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> glob(String absPattern) {
        return Glob.expand(absPattern, new Glob.Directory() {
            @Override
            public boolean exists(String absPath) {
                return JailConfFiles.this.exists(absPath);
            }

            @Override
            public List<String> list(String absDir) {
                Path dir = resolve(absDir);
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> entries = Files.list(dir)) {
                    return entries.map(p -> p.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        });
    }

    @Override
    public String toString() {
        return "JailConfFiles[" + root + "]";
    }

    /**
     * The real path for an absolute host path. {@code ..} stops at "/" as it does on the host, so
     * a path never leaves the root (symbolic links inside the tree are followed as they are).
     */
    private Path resolve(String absPath) {
        if (!absPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absPath);
        }
        Deque<String> components = new ArrayDeque<>();
        for (String component : absPath.split("/")) {
            if (component.equals("..")) {
                components.pollLast();
            } else if (!component.isEmpty() && !component.equals(".")) {
                components.addLast(component);
            }
        }
        Path path = root;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }

    /** In-memory files for tests and simulated hosts that keep their files in a map. */
    private record InMemory(TreeMap<String, String> files) implements ConfFiles {

        @Override
        public boolean exists(String absPath) {
            return files.containsKey(absPath) || isDirectory(absPath);
        }

        @Override
        public String read(String absPath) {
            String text = files.get(absPath);
            if (text == null) {
                throw new UncheckedIOException(new IOException(absPath + ": No such file or directory"));
            }
            return text;
        }

        @Override
        public List<String> glob(String absPattern) {
            return Glob.expand(absPattern, new Glob.Directory() {
                @Override
                public boolean exists(String absPath) {
                    return InMemory.this.exists(absPath);
                }

                @Override
                public List<String> list(String absDir) {
                    String prefix = absDir.endsWith("/") ? absDir : absDir + "/";
                    return files.keySet().stream()
                            .filter(p -> p.startsWith(prefix))
                            .map(p -> p.substring(prefix.length()).split("/", 2)[0])
                            .distinct()
                            .toList();
                }
            });
        }

        private boolean isDirectory(String absPath) {
            String prefix = absPath.endsWith("/") ? absPath : absPath + "/";
            String next = files.ceilingKey(prefix);
            return next != null && next.startsWith(prefix);
        }
    }
}
