package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mounts jail(8) makes for a jail ({@code mount}, {@code mount.fstab}, {@code mount.devfs},
 * {@code mount.fdescfs}, {@code mount.procfs}; freebsd-facts 2.2, fstab lines as in 3.4):
 * check_path() of command.c first, then what mount(8) would do. mount.devfs runs
 * {@code /sbin/mount -t devfs -oruleset=N . PATH/dev} with devfs_ruleset, 4 (devfsrules_jail)
 * when unset; a {@code mount} line runs {@code /sbin/mount -t TYPE -o OPTS SPEC PATH} and gets no
 * ruleset from jail(8) (usr.sbin/jail/command.c run_command(), IP_MOUNT_DEVFS and IP_MOUNT, read in
 * a 14-era copy [UNVERIFIED: not diffed against releng/14.3]). A mount point inside a devfs is
 * the devfs' node, not the directory of that name in the tree below it ({@link DevfsMountPoints}).
 */
final class JailMounts {
    private static final Set<String> FILE_SYSTEMS = Set.of("devfs", "tmpfs", "fdescfs", "procfs", "linprocfs",
            "linsysfs", "nullfs");

    private final SimMachine machine;
    private final String jailName;
    private final String jailPath;
    private final Output out;

    JailMounts(SimMachine machine, String jailName, String jailPath, Output out) {
        this.machine = machine;
        this.jailName = jailName;
        this.jailPath = jailPath;
        this.out = out;
    }

    /**
     * check_path(): an absolute path, and below the jail's path every component must exist and
     * none may be a symlink. Prints jail(8)'s message and returns false otherwise.
     */
    boolean checkPath(String pname, String path, boolean isFile) throws IOException {
        if (!path.startsWith("/")) {
            out.errln("jail: " + jailName + ": " + pname + ": " + path + ": not an absolute pathname");
            return false;
        }
        String jp = jailPath == null ? "" : jailPath;
        if (path.startsWith(jp + "/")) {
            String[] below = path.substring(jp.length() + 1).split("/");
            StringBuilder t = new StringBuilder(jp);
            for (int i = 0; i < below.length; i++) {
                if (below[i].isEmpty()) {
                    continue;
                }
                t.append('/').append(below[i]);
                boolean last = i == below.length - 1;
                Optional<SimState.MountState> devfs = DevfsMountPoints.inDevfs(machine, t.toString());
                if (devfs.isPresent()) {
                    // lstat(2) from the host sees the devfs' node, not the directory under the mount
                    if (DevfsMountPoints.problem(machine, devfs.get(), t.toString()) != null && !(isFile && last)) {
                        out.errln("jail: " + jailName + ": " + pname + ": " + t + ": " + Errno.ENOENT);
                        return false;
                    }
                    continue;
                }
                Path real = machine.hostFs().resolveNoFollow(t.toString());
                if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                    if (isFile && last) {
                        break;
                    }
                    out.errln("jail: " + jailName + ": " + pname + ": " + t + ": " + Errno.ENOENT);
                    return false;
                }
                if (Files.isSymbolicLink(real)) {
                    out.errln("jail: " + jailName + ": " + pname + ": " + t + " is a symbolic link");
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One fstab-style line of {@code mount} or {@code mount.fstab}: the fields are split as
     * command.c does (device, mount point, type, options), then mounted as
     * {@code /sbin/mount -t type [-o options] device mountpoint} would.
     */
    Optional<SimState.MountState> mountLine(String pname, String line) throws IOException {
        List<String> f = new ArrayList<>();
        for (String w : line.trim().split("[ \\t\\f\\u000b\\r\\n]+")) {
            if (!w.isEmpty() && f.size() < 4) {
                f.add(w);
            }
        }
        if (f.isEmpty()) {
            return Optional.empty();
        }
        if (f.size() < 3) {
            out.errln("jail: " + jailName + ": " + pname + ": " + line + ": missing information");
            throw new MountFailed();
        }
        if (!checkPath(pname, f.get(1), false)) {
            throw new MountFailed();
        }
        List<String> argv = new ArrayList<>(List.of("/sbin/mount", "-t", f.get(2)));
        List<String> options = new ArrayList<>();
        if (f.size() == 4) {
            argv.add("-o");
            argv.add(f.get(3));
            options.addAll(List.of(f.get(3).split(",")));
        }
        argv.add(f.get(0));
        argv.add(f.get(1));
        return Optional.of(mount(f.get(0), f.get(1), f.get(2), options, String.join(" ", argv)));
    }

    /** mount.devfs / mount.fdescfs / mount.procfs at {@code <path>/dev}, {@code /dev/fd}, {@code /proc}. */
    SimState.MountState mountSpecial(String pname, String fstype, String where, String ruleset) throws IOException {
        if (jailPath == null) {
            out.errln("jail: " + jailName + ": " + pname + ": no jail root path defined");
            throw new MountFailed();
        }
        String point = jailPath + where;
        if (!checkPath(pname, point, false)) {
            throw new MountFailed();
        }
        List<String> argv = new ArrayList<>(List.of("/sbin/mount", "-t", fstype));
        List<String> options = new ArrayList<>();
        if (ruleset != null) {
            argv.add("-oruleset=" + ruleset);
            options.add("ruleset=" + ruleset);
        }
        argv.add(".");
        argv.add(point);
        return mount(fstype, point, fstype, options, String.join(" ", argv));
    }

    /** What mount(8) does: the mount point must be a directory; nullfs needs its source directory. */
    private SimState.MountState mount(String device, String point, String fstype, List<String> options, String comline)
            throws IOException {
        if (!FILE_SYSTEMS.contains(fstype)) {
            throw new SimUnsupportedException("mounting a " + fstype + " file system for jail " + jailName);
        }
        Path real = machine.hostFs().resolve(point);
        Optional<SimState.MountState> devfs = DevfsMountPoints.inDevfs(machine, point);
        String problem = devfs.isPresent() ? DevfsMountPoints.problem(machine, devfs.get(), point)
                : !Files.exists(real) ? Errno.ENOENT : !Files.isDirectory(real) ? Errno.ENOTDIR : null;
        if (problem == null && fstype.equals("devfs")) {
            problem = DevfsMountPoints.rulesetProblem(options);
            if (problem != null) {
                out.errln("mount: " + device + ": " + problem);
                out.errln("jail: " + jailName + ": " + comline + ": failed");
                throw new MountFailed();
            }
        }
        if (problem != null) {
            out.errln("mount: " + point + ": " + problem);
            out.errln("jail: " + jailName + ": " + comline + ": failed");
            throw new MountFailed();
        }
        if (fstype.equals("nullfs") && !machine.hostFs().isDirectory(device)) {
            out.errln("mount_nullfs: " + device + ": " + (machine.hostFs().exists(device) ? Errno.ENOTDIR : Errno.ENOENT));
            out.errln("jail: " + jailName + ": " + comline + ": failed");
            throw new MountFailed();
        }
        SimState.MountState m = new SimState.MountState();
        m.device = device;
        m.mountpoint = SimFileSystem.absolute("/", point).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        m.fstype = fstype;
        m.options.addAll(options);
        m.jail = jailName;
        machine.state().mounts.add(m);
        return m;
    }

    void unmount(SimState.MountState m) {
        machine.state().mounts.remove(m);
    }

    /** A mount failed; jail(8) has printed why. */
    static final class MountFailed extends RuntimeException {
        MountFailed() {
            super(null, null, false, false);
        }
    }
}
