package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.ForwardingHost;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A view of a host from inside a jail ({@code jexec NAME ...}) or a chroot ({@code chroot DIR ...}):
 * commands get the prefix, paths are read under the root directory on the outer host. So the
 * same typed tools ({@link Ifconfig}, {@link Route}, {@link Mounts}) work inside a jail, the way
 * testinfra stacks a backend on another.
 *
 * <p>Paths are mapped textually: a symlink inside the view with an absolute target is followed
 * on the outer host, not inside the view; read files whose links are relative (as Rocky's
 * etc/os-release is) or use a command.
 */
public final class PrefixedHost extends ForwardingHost {
    private final Host outer;
    private final List<String> prefix;
    private final String root;
    private final String name;
    /** The jail whose view this is (jexec's "not found" or "is dying" becomes {@link JailNotRunningException}). */
    private final String jail;
    /** The views from outside in, for the report: "jail lrdev", then "chroot /compat/rocky". */
    private final List<String> views;

    private PrefixedHost(Host outer, List<String> prefix, List<String> views, String root, String name, String jail) {
        super(outer);
        this.outer = outer;
        this.jail = jail;
        this.prefix = List.copyOf(prefix);
        this.views = List.copyOf(views);
        this.root = root.replaceAll("/+$", "");
        this.name = name;
    }

    /** Inside the running jail {@code jail}, whose root is {@code jailPath} on {@code host}. */
    public static PrefixedHost jail(Host host, String jail, String jailPath) {
        JailNames.requireValid(jail);
        return new PrefixedHost(host, List.of("jexec", jail), List.of("jail " + jail), jailPath,
                host.describe() + " jail " + jail, jail);
    }

    /** Inside {@code dir} of this view, entered with chroot(8), e.g. the Linux userland /compat/rocky. */
    public PrefixedHost chroot(String dir) {
        var p = new ArrayList<>(prefix);
        p.add("chroot");
        p.add(dir);
        var v = new ArrayList<>(views);
        v.add("chroot " + dir);
        return new PrefixedHost(outer, p, v, root + dir, name + " chroot " + dir, jail);
    }

    /**
     * Runs {@code command} in the view. The exit status is the command's own (jexec and chroot
     * exec it); a jail that is not running is an exception, not a result (freebsd-facts 2.5).
     *
     * @throws JailNotRunningException when jexec says {@code jexec: jail "NAME" not found}, or
     *         {@code jexec: jail "NAME" is dying} (removed, not yet freed; freebsd-facts 9.3)
     */
    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        Command outerCommand = command.nestedIn(prefix, views);
        CommandResult r = outer.run(outerCommand, lines);
        if (r.exitCode() == 1 && JexecParser.missingJail(r.stderr()).filter(jail::equals).isPresent()) {
            throw new JailNotRunningException(jail, r);
        }
        return r;
    }

    /** The path on the outer host of {@code absolutePath} inside this view. */
    public String outerPath(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        return root + absolutePath;
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        return outer.stat(outerPath(absolutePath));
    }

    @Override
    public List<String> list(String absoluteDir) {
        return outer.list(outerPath(absoluteDir));
    }

    @Override
    public byte[] readFile(String absolutePath) {
        return outer.readFile(outerPath(absolutePath));
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        outer.writeFile(outerPath(absolutePath), content, mode);
    }

    /** Streams the file to its place inside the view, as the outer host uploads. */
    @Override
    public void upload(java.nio.file.Path localFile, String absolutePath, int mode) {
        outer.upload(localFile, outerPath(absolutePath), mode);
    }

    @Override
    public String describe() {
        return name;
    }

    /** A view does not own the host it looks into: closing it leaves that host open. */
    @Override
    public void close() {
    }
}
