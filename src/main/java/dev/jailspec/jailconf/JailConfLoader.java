package dev.jailspec.jailconf;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a jail.conf and everything it includes, as config.c's parse_config()/include_config() do:
 * an included file is read when its {@code .include} is parsed; a glob target may match nothing,
 * a plain target must exist; relative targets are relative to the including file; at most 32
 * nested includes.
 */
public final class JailConfLoader {

    static final int MAX_INCLUDE_DEPTH = 32;

    private final ConfFiles files;
    private final List<String> openOrder = new ArrayList<>();
    private final Map<String, JailConf> parsed = new HashMap<>();
    private final Map<IncludeSite, List<String>> resolved = new HashMap<>();

    private JailConfLoader(ConfFiles files) {
        this.files = files;
    }

    /**
     * @throws JailConfException with jail(8)'s messages, e.g. {@code jail: /etc/jail.conf: No such
     *                           file or directory} or a parse error in any of the files
     */
    public static JailConfSet load(String absPath, ConfFiles files) {
        if (!absPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absPath);
        }
        JailConfLoader loader = new JailConfLoader(files);
        loader.parseFile(absPath, 0);
        List<LoadedConfFile> loaded = loader.openOrder.stream()
                .map(path -> new LoadedConfFile(path, loader.parsed.get(path)))
                .toList();
        return new JailConfSet(loaded, JailTable.build(absPath, loader.parsed, loader.resolved));
    }

    /** Where an include statement sits (file) and what it names, resolved to the files it read. */
    record IncludeSite(String includingFile, String target) {
    }

    private void parseFile(String path, int depth) {
        if (!files.exists(path)) {
            throw new JailConfException("jail: " + path + ": No such file or directory");
        }
        String text;
        try {
            text = files.read(path);
        } catch (UncheckedIOException e) {
            throw new JailConfException("jail: " + path + ": " + e.getCause().getMessage());
        }
        openOrder.add(path);
        JailConf conf = JailConfParser.parse(text, path, target -> include(path, target, depth + 1));
        parsed.put(path, conf);
    }

    private void include(String includingFile, String target, int depth) {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new JailConfException("jail: maximum include depth exceeded");
        }
        String pattern = absoluteTarget(includingFile, target);
        List<String> paths = Glob.hasMagic(pattern) ? files.glob(pattern) : List.of(pattern);
        resolved.put(new IncludeSite(includingFile, target), paths);
        for (String path : paths) {
            parseFile(path, depth);
        }
    }

    /** include_config(): a relative name is based on the directory of the including file. */
    static String absoluteTarget(String includingFile, String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int slash = includingFile.lastIndexOf('/');
        return slash < 0 ? target : includingFile.substring(0, slash + 1) + target;
    }
}
