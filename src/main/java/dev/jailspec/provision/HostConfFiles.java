package dev.jailspec.provision;

import dev.jailspec.host.Host;
import dev.jailspec.jailconf.ConfFiles;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the jailconf loader read the target's files through the {@link Host}, so the same
 * parser reads {@code /etc/jail.conf} on the sim, on this machine and over SSH.
 *
 * <p>Globs are resolved in the one directory named before the pattern, which is all jail.conf's
 * {@code .include} needs in practice ({@code /etc/jail.conf.d/*.conf}).
 */
final class HostConfFiles implements ConfFiles {
    private final Host host;

    HostConfFiles(Host host) {
        this.host = host;
    }

    @Override
    public boolean exists(String absPath) {
        return host.stat(absPath).isPresent();
    }

    @Override
    public String read(String absPath) {
        return host.readText(absPath);
    }

    @Override
    public List<String> glob(String absPattern) {
        int slash = absPattern.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : absPattern.substring(0, slash);
        String pattern = absPattern.substring(slash + 1);
        if (host.stat(dir).filter(s -> s.isDirectory()).isEmpty()) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        var matches = new ArrayList<String>();
        for (String name : host.list(dir)) {
            if (matcher.matches(java.nio.file.Path.of(name))) {
                matches.add(dir + "/" + name);
            }
        }
        matches.sort(null);
        return matches;
    }
}
