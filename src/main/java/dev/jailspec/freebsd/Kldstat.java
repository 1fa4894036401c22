package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which kernel files and modules are loaded (freebsd-facts 3.2, corrected). Linux jails need the
 * file {@code linux64.ko}, which registers the module {@code linux64elf} (not {@code linux64}: that
 * is only its MODULE_VERSION tag), and {@code linux_common.ko}.
 */
public final class Kldstat {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.]+");

    private final Host host;

    public Kldstat(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code kldstat -q -m MODULE}: silent, exit 0 when loaded and 1 when not. */
    public boolean isModuleLoaded(String module) {
        return quietCheck("-m", module);
    }

    /** {@code kldstat -q -n FILE} (e.g. {@code linux64.ko}): exit 0 when loaded, 1 when not. */
    public boolean isFileLoaded(String file) {
        return quietCheck("-n", file);
    }

    /** The loaded files, from the default table. */
    public List<KldFile> list() {
        return KldstatParser.parse(host.run(Command.probe("kldstat")).orThrow().stdout());
    }

    private boolean quietCheck(String flag, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid kernel module name '" + name + "'");
        }
        CommandResult r = host.run(Command.probe("kldstat", "-q", flag, name)).expectExit(0, 1);
        return r.exitCode() == 0;
    }
}
